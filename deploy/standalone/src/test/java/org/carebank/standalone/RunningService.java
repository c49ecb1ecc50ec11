package org.carebank.standalone;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A standalone service of its own, on a database of its own, that a test can stop and start again. */
final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static RunningService start(String database, String... settings) {
        return startOn(TestPostgres.jdbcUrl(database), "postgres", "postgres", settings);
    }

    /** On the default store, an H2 file database in {@code directory}, with application.yml's H2 settings. */
    static RunningService startOnH2(java.nio.file.Path directory, String... settings) {
        return startOn(
                "jdbc:h2:file:" + directory.toAbsolutePath().resolve("carebank")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa",
                "",
                settings);
    }

    private static RunningService startOn(String url, String username, String password, String... settings) {
        // Command-line arguments, not default properties: those would lose to application.yml's H2 default.
        var args = new java.util.ArrayList<>(java.util.List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + username,
                "--spring.datasource.password=" + password,
                "--server.port=0"));
        args.addAll(java.util.List.of(settings));
        return new RunningService(new SpringApplicationBuilder(CarebankApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new)));
    }

    Api as(String user) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")), user);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
