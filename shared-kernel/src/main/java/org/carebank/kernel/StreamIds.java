package org.carebank.kernel;

/**
 * The event stream of each aggregate, named {@code <kind>:<id>}. Ids are chosen by callers, and the event store keys
 * streams by identifier alone, so a provider and a visit both called {@code alpha} must not share one stream.
 */
public final class StreamIds {

    /** The kinds of stream, as their names begin. */
    public static final java.util.List<String> KINDS =
            java.util.List.of("provider", "package", "visit", "timebank", "ratereview", "statements");

    private StreamIds() {}

    /** The stream of the aggregate of that kind with the caller's id, e.g. {@code of("visit", "v-1")}. */
    public static String of(String kind, String id) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown kind of stream: " + kind);
        }
        return kind + ":" + id;
    }

    public static String provider(String providerId) {
        return "provider:" + providerId;
    }

    public static String carePackage(String packageId) {
        return "package:" + packageId;
    }

    public static String visit(String visitId) {
        return "visit:" + visitId;
    }

    public static String timeBank(String clientRef) {
        return "timebank:" + clientRef;
    }

    public static String rateReview(String reviewId) {
        return "ratereview:" + reviewId;
    }

    /** One provider's payment statements, in one stream so periods never overlap and a visit is paid once. */
    public static String statements(String providerId) {
        return "statements:" + providerId;
    }

    /** The caller's id inside a stream name. */
    public static String idOf(String streamId) {
        int colon = streamId.indexOf(':');
        return colon < 0 ? streamId : streamId.substring(colon + 1);
    }
}
