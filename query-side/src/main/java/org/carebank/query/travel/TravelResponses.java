package org.carebank.query.travel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.carebank.query.web.CsvExportable;
import org.carebank.query.web.CsvTable;

/** The response bodies of the travel endpoints, as JSON and as CSV. */
final class TravelResponses {

    private TravelResponses() {}

    /** One worker's day: the figures, and every leg of the day, planned ones (not yet delivered) included. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorkerDayTravel(
            String workerId, String providerId, LocalDate date, @JsonUnwrapped TravelTotals figures, List<Leg> legs)
            implements CsvExportable {

        @Override
        public CsvTable toCsv() {
            var header = List.of(
                    "workerId",
                    "date",
                    "legNumber",
                    "fromVisitId",
                    "toVisitId",
                    "zone",
                    "delivered",
                    "plannedGapMinutes",
                    "plannedTravelMinutes",
                    "plannedTravelSource",
                    "actualTravelMinutes",
                    "travelMinutes",
                    "waitingMinutes",
                    "distanceMetres",
                    "rushed");
            var rows = new ArrayList<List<Object>>();
            for (Leg leg : legs) {
                rows.add(Arrays.asList(
                        workerId,
                        date,
                        leg.number(),
                        leg.fromVisitId(),
                        leg.toVisitId(),
                        leg.zone(),
                        leg.delivered(),
                        leg.plannedGapMinutes(),
                        leg.plannedTravelMinutes(),
                        leg.plannedTravelSource(),
                        leg.actualTravelMinutes(),
                        leg.travelMinutes(),
                        leg.waitingMinutes(),
                        leg.distanceMetres(),
                        leg.rushed()));
            }
            return new CsvTable(header, rows);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorkerTravel(String workerId, @JsonUnwrapped TravelTotals figures) {}

    /** A provider's ISO week: the totals, and one row per worker. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProviderWeekTravel(
            String providerId,
            String week,
            LocalDate from,
            LocalDate to,
            @JsonUnwrapped TravelTotals totals,
            List<WorkerTravel> workers)
            implements CsvExportable {

        @Override
        public CsvTable toCsv() {
            var header = Stream.concat(Stream.of("providerId", "week", "workerId"), TravelTotals.CSV_COLUMNS.stream())
                    .toList();
            var rows = workers.stream()
                    .map(worker -> row(List.of(providerId, week, worker.workerId()), worker.figures()))
                    .toList();
            return new CsvTable(header, rows);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProviderTravel(String providerId, @JsonUnwrapped TravelTotals figures) {}

    /** A zone's ISO week: the totals, and one row per provider working in the zone. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ZoneWeekTravel(
            String zone,
            String week,
            LocalDate from,
            LocalDate to,
            @JsonUnwrapped TravelTotals totals,
            List<ProviderTravel> providers)
            implements CsvExportable {

        @Override
        public CsvTable toCsv() {
            var header = Stream.concat(Stream.of("zone", "week", "providerId"), TravelTotals.CSV_COLUMNS.stream())
                    .toList();
            var rows = providers.stream()
                    .map(provider -> row(List.of(zone, week, provider.providerId()), provider.figures()))
                    .toList();
            return new CsvTable(header, rows);
        }
    }

    private static List<Object> row(List<Object> keys, TravelTotals figures) {
        var row = new ArrayList<Object>(keys);
        row.addAll(figures.csvValues());
        return row;
    }
}
