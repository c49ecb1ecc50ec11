package org.carebank.query.alert;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.period.DatePeriod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The alert figures of the provider performance view, from the alerts view: alerts count in the day they were raised. */
@Component
public class AlertResponses {

    private final AlertTable table;
    private final DashboardCalendar calendar;

    public AlertResponses(JdbcClient jdbc, DashboardCalendar calendar) {
        this.table = new AlertTable(jdbc);
        this.calendar = calendar;
    }

    /** Per provider (only {@code providerId}'s when given) over the period's days. */
    public Map<String, AlertResponseTimes> byProvider(DatePeriod period, String providerId) {
        List<AlertView> alerts = table.raisedBetween(providerId, calendar.startOf(period), calendar.endOf(period));
        var result = new HashMap<String, AlertResponseTimes>();
        alerts.stream()
                .collect(Collectors.groupingBy(AlertView::providerId))
                .forEach((provider, own) -> result.put(provider, AlertResponseTimes.of(own)));
        return result;
    }
}
