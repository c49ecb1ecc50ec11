package org.carebank.kernel.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a stored {@link ProviderAdmitted} of revision 1 as revision 2: revision 1 measured overall and well-led
 * against the one {@code minimumRating}, so that is the well-led minimum it was admitted under. The stored bytes are
 * never changed (they are covered by the hash chain); every reader applies this on the way in.
 */
public class ProviderAdmittedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(ProviderAdmitted.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(ProviderAdmitted.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            if (payload instanceof ObjectNode event && !event.has("minimumWellLed")) {
                event.set("minimumWellLed", event.get("minimumRating"));
            }
            return payload;
        });
    }
}
