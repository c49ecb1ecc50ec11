package org.carebank.standalone;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

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
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getReporter()
                    .write("{\"type\":\"/problems/" + (status < 500 ? "malformed-request" : "internal-error")
                            + "\",\"title\":\"" + (status < 500 ? "Malformed request" : "Internal error")
                            + "\",\"status\":" + status + ",\"detail\":\"The request was refused by the HTTP server: "
                            + (status < 500 ? "its path or headers are not acceptable." : "it could not be served.")
                            + "\"}");
        } catch (Exception ignored) {
            // the client went away; nothing to tell it
        }
    }
}
