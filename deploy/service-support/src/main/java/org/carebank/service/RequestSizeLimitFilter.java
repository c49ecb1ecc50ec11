package org.carebank.service;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.ServletProblems;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit (2 MB by default: a roster of 2,000 visits fits) before anything reads them.
 * Bodies without a declared length are refused too: every client this API serves sends one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    /**
     * @param maxRequestSize the largest request body accepted
     * @param maxImportSize the largest history import body ({@code POST /api/v1/imports/...}), which is streamed
     */
    @ConfigurationProperties("carebank")
    record Settings(@DefaultValue("2MB") DataSize maxRequestSize, @DefaultValue("64MB") DataSize maxImportSize) {}

    static final String IMPORTS = "/api/v1/imports/";

    private final long maxBytes;
    private final long maxImportBytes;

    RequestSizeLimitFilter(Settings settings) {
        this.maxBytes = settings.maxRequestSize().toBytes();
        this.maxImportBytes = settings.maxImportSize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(request.getMethod().equals("POST") || request.getMethod().equals("PUT"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        // An import streams through (never held whole), so it may be larger than any other body.
        long limit = request.getRequestURI().startsWith(IMPORTS) ? maxImportBytes : maxBytes;
        if (length > limit || (length < 0 && request.getHeader("Transfer-Encoding") != null)) {
            ServletProblems.write(
                    response,
                    new Refusal(
                            "request-too-large",
                            413,
                            "Request too large",
                            "Request bodies are limited to " + limit + " bytes, with a Content-Length.",
                            Map.of()));
            return;
        }
        chain.doFilter(request, response);
    }
}
