package org.carebank.query.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.carebank.kernel.refusal.Refusal;

/**
 * The targets the service may call: http or https, no user info, and a host on the allow-list setting (loopback only by
 * default). Checked when a subscription is made and again before every attempt, so a narrowed list takes effect. The
 * HTTP client follows no redirects, so an allowed host cannot pass a request on elsewhere.
 */
final class UrlAllowList {

    private final Set<String> hosts;

    UrlAllowList(WebhookSettings settings) {
        this.hosts = settings.allowedHosts().stream()
                .map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The URL as a URI when it may be called; refused {@code webhook-url-not-allowed} (422) otherwise. */
    URI require(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw notAllowed(url, "it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw notAllowed(url, "only http and https are called");
        }
        if (uri.getRawUserInfo() != null) {
            throw notAllowed(url, "user info in a URL is not sent");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!hosts.contains(host)) {
            throw notAllowed(url, "its host is not on the allow-list (setting carebank.webhooks.allowed-hosts)");
        }
        return uri;
    }

    boolean allows(String url) {
        try {
            require(url);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private static RuntimeException notAllowed(String url, String why) {
        return Refusal.rule("webhook-url-not-allowed", "The service will not call " + url + ": " + why + ".")
                .with("allowedHosts", "see carebank.webhooks.allowed-hosts")
                .exception();
    }
}
