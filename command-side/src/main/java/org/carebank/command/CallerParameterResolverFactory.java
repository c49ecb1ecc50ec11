package org.carebank.command;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.carebank.kernel.caller.Caller;

/**
 * Lets a command handler take the {@link Caller} who sent the command as a parameter, read from the command's
 * metadata. Registered through {@code META-INF/services}, so test fixtures resolve it too.
 */
public class CallerParameterResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<Caller> createInstance(Executable executable, Parameter[] parameters, int index) {
        if (!Caller.class.equals(parameters[index].getType())) {
            return null;
        }
        return new ParameterResolver<>() {
            @Override
            public Caller resolveParameterValue(Message<?> message) {
                return Caller.fromMetaData(message.getMetaData());
            }

            @Override
            public boolean matches(Message<?> message) {
                return true;
            }
        };
    }
}
