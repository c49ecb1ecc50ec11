package org.carebank.standalone.replay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A figure the offline replay can print: which of the service's own endpoints answers it, and which command-line
 * options fill its path and query. The replay asks that endpoint of the service it runs over the verified events, so
 * the figure is computed by the same view code and written as the same JSON (or CSV) as the dashboard's; nothing here
 * computes a figure.
 *
 * @param query {@code param=option} pairs; a trailing {@code ?} marks an optional one
 * @param asOf whether the endpoint itself takes {@code asOf=} (it is then passed on, so figures that count time up to
 *     an instant, such as unmet need's waiting days, count it up to the replay's instant)
 */
record Figure(String name, String path, List<String> query, boolean asOf, String description) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)}");
    private static final List<String> PERIOD = List.of("from=from", "to=to");

    static final List<Figure> ALL = List.of(
            new Figure(
                    "performance",
                    "/api/v1/providers/{provider}/performance",
                    PERIOD,
                    false,
                    "a provider's performance over a period (the dashboard's provider card)"),
            new Figure(
                    "performance-comparison",
                    "/api/v1/performance/providers",
                    PERIOD,
                    false,
                    "every provider's performance over a period, side by side"),
            new Figure(
                    "charter",
                    "/api/v1/providers/{provider}/charter",
                    PERIOD,
                    false,
                    "a provider's Ethical Care Charter measures over a period"),
            new Figure(
                    "pay-compliance",
                    "/api/v1/providers/{provider}/pay-compliance",
                    List.of("month=month"),
                    false,
                    "a provider's workers' pay for a month against the National Living Wage"),
            new Figure(
                    "travel-worker",
                    "/api/v1/travel/workers/{worker}",
                    List.of("date=date"),
                    false,
                    "one worker's travel on one day"),
            new Figure(
                    "travel-provider",
                    "/api/v1/travel/providers/{provider}",
                    List.of("week=week"),
                    false,
                    "a provider's travel over an ISO week"),
            new Figure(
                    "travel-zone",
                    "/api/v1/travel/zones/{zone}",
                    List.of("week=week"),
                    false,
                    "a zone's travel over an ISO week"),
            new Figure(
                    "time-bank",
                    "/api/v1/clients/{client}/time-bank",
                    List.of(),
                    true,
                    "a client's time bank: balance and lines"),
            new Figure(
                    "time-bank-ledger",
                    "/api/v1/clients/{client}/time-bank/ledger",
                    List.of(),
                    false,
                    "a client's time bank ledger"),
            new Figure(
                    "time-banks",
                    "/api/v1/time-banks",
                    List.of("providerId=provider?", "zone=zone?"),
                    false,
                    "every client's time bank balance (optionally of one provider or zone)"),
            new Figure("visit", "/api/v1/visits/{visit}", List.of(), true, "one visit as the dashboard shows it"),
            new Figure(
                    "visits",
                    "/api/v1/visits",
                    List.of("providerId=provider?", "clientRef=client?", "workerId=worker?", "from=from?", "to=to?"),
                    false,
                    "visits, filtered like GET /api/v1/visits (first page)"),
            new Figure("package", "/api/v1/packages/{package}", List.of(), true, "one care package"),
            new Figure("provider", "/api/v1/providers/{provider}", List.of(), true, "one provider and its rating"),
            new Figure(
                    "unmet-need",
                    "/api/v1/unmet-need",
                    List.of("zone=zone?", "from=from?", "to=to?"),
                    true,
                    "packages waiting for a provider, and the waits"),
            new Figure(
                    "statements",
                    "/api/v1/providers/{provider}/statements",
                    List.of(),
                    false,
                    "a provider's payment statements"),
            new Figure(
                    "statement",
                    "/api/v1/providers/{provider}/statements/{statement}",
                    List.of(),
                    false,
                    "one payment statement with its lines"),
            new Figure(
                    "statement-preview",
                    "/api/v1/providers/{provider}/statement-preview",
                    PERIOD,
                    false,
                    "what a statement over a period would hold"));

    static Figure named(String name) {
        return ALL.stream()
                .filter(figure -> figure.name.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown figure " + name + "; --list names them"));
    }

    /** The options this figure needs, for --list and for the message when one is missing. */
    List<String> options() {
        var options = new ArrayList<String>();
        Matcher placeholders = PLACEHOLDER.matcher(path);
        while (placeholders.find()) {
            options.add("--" + placeholders.group(1));
        }
        for (String pair : query) {
            String option = pair.substring(pair.indexOf('=') + 1);
            options.add(option.endsWith("?") ? "[--" + option.replace("?", "") + "]" : "--" + option);
        }
        if (query.equals(PERIOD)) {
            options.removeAll(List.of("--from", "--to"));
            options.add("--month (or --from and --to)");
        }
        if (asOf) {
            options.add("[--as-of]");
        }
        return options;
    }

    /** The request for these options; {@code --month} stands for its first and last day where a period is asked. */
    String request(Map<String, String> given) {
        var values = new java.util.HashMap<>(given);
        if (values.containsKey("month")) {
            YearMonth month = YearMonth.parse(values.get("month"));
            values.putIfAbsent("from", month.atDay(1).toString());
            values.putIfAbsent("to", month.atEndOfMonth().toString());
        }
        var url = new StringBuilder();
        Matcher placeholders = PLACEHOLDER.matcher(path);
        while (placeholders.find()) {
            placeholders.appendReplacement(
                    url, Matcher.quoteReplacement(encode(required(values, placeholders.group(1)))));
        }
        placeholders.appendTail(url);
        var parameters = new ArrayList<String>();
        for (String pair : query) {
            String parameter = pair.substring(0, pair.indexOf('='));
            String option = pair.substring(pair.indexOf('=') + 1);
            boolean optional = option.endsWith("?");
            option = option.replace("?", "");
            String value = optional ? values.get(option) : required(values, option);
            if (value != null) {
                parameters.add(parameter + "=" + encode(value));
            }
        }
        if (asOf && values.containsKey("as-of")) {
            parameters.add("asOf=" + encode(values.get("as-of")));
        }
        return parameters.isEmpty() ? url.toString() : url + "?" + String.join("&", parameters);
    }

    private String required(Map<String, String> values, String option) {
        String value = values.get(option);
        if (value == null) {
            throw new IllegalArgumentException("the figure " + name + " needs " + String.join(" ", options()));
        }
        return value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
