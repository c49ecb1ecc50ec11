package org.carebank.service;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem+json body of refusals made before any controller runs (authentication, rate and size limits, Tomcat's
 * own refusals): the same shape as the controllers' problems, written by one piece of code.
 */
final class ProblemJson {

    static final String MEDIA_TYPE = "application/problem+json";

    private ProblemJson() {}

    static String of(int status, String type, String title, String detail, Map<String, Object> properties) {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "/problems/" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.putAll(properties);
        return JsonMapper.shared().writeValueAsString(problem);
    }

    static void send(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        send(response, status, type, title, detail, Map.of());
    }

    static void send(
            HttpServletResponse response,
            int status,
            String type,
            String title,
            String detail,
            Map<String, Object> properties)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(of(status, type, title, detail, properties));
    }
}
