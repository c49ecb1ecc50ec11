package org.carebank.command.web;

import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every request body of the command API passes {@link CommandInputCheck} as soon as it is read, whether or not its
 * controller asks for validation, so no text a store cannot hold and no instant outside the window reaches a command.
 */
@ControllerAdvice(basePackages = "org.carebank.command")
class CommandInputAdvice extends RequestBodyAdviceAdapter {

    private final CommandInputCheck check;

    CommandInputAdvice(CommandInputCheck check) {
        this.check = check;
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        var problems = check.problemsOf(body);
        if (!problems.isEmpty()) {
            throw new InvalidCommandInput(problems);
        }
        return body;
    }
}
