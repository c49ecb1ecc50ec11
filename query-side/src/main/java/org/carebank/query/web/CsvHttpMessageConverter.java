package org.carebank.query.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Writes {@link CsvExportable} answers as {@code text/csv; charset=UTF-8} when the caller asks for CSV. */
public class CsvHttpMessageConverter extends AbstractHttpMessageConverter<CsvExportable> {

    public static final String TEXT_CSV_VALUE = "text/csv";
    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    public CsvHttpMessageConverter() {
        super(StandardCharsets.UTF_8, TEXT_CSV);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return CsvExportable.class.isAssignableFrom(clazz);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected CsvExportable readInternal(Class<? extends CsvExportable> clazz, HttpInputMessage inputMessage) {
        throw new HttpMessageNotReadableException("CSV is an answer format only.", inputMessage);
    }

    @Override
    protected void writeInternal(CsvExportable answer, HttpOutputMessage outputMessage) throws IOException {
        // A spreadsheet or browser saves the download under a name that says what it is, and reads it as UTF-8.
        outputMessage.getHeaders().setContentType(TEXT_CSV);
        outputMessage
                .getHeaders()
                .setContentDisposition(ContentDisposition.attachment()
                        .filename(fileName(currentPath()))
                        .build());
        outputMessage.getBody().write(Csv.write(answer.toCsv()).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code /api/v1/performance/providers} is saved as {@code performance-providers.csv}. */
    static String fileName(String path) {
        String name = path == null ? "" : path.replaceFirst("^/api/v\\d+/", "");
        name = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return (name.isEmpty() ? "carebank" : name) + ".csv";
    }

    private static String currentPath() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRequestURI()
                : null;
    }
}
