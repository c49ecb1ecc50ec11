package org.carebank.service;

import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.ServletProblems;

/**
 * Tomcat refuses some requests before any servlet sees them (an encoded slash or NUL in the path, a malformed
 * header) and answers with an HTML page. This answers them as every other refusal: problem+json, no server details.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            // Tomcat hands out a writer here, not the output stream: its encoding is set before it is taken.
            response.setContentType(ServletProblems.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            boolean refused = status < 500;
            response.getReporter()
                    .write(ServletProblems.json(new Refusal(
                            refused ? "malformed-request" : "internal-error",
                            status,
                            refused ? "Malformed request" : "Internal error",
                            "The request was refused by the HTTP server: "
                                    + (refused ? "its path or headers are not acceptable." : "it could not be served."),
                            Map.of())));
        } catch (Exception ignored) {
            // the client went away; nothing to tell it
        }
    }
}
