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

    /** A service on the database at {@code url}: an H2 file, for the guarantees the embedded default must keep too. */
    static RunningService startOn(String url, String user, String password, String... settings) {
        // Command-line arguments, not default properties: those would lose to application.yml's H2 default.
        var args = new java.util.ArrayList<>(java.util.List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--server.port=0"));
        args.addAll(java.util.List.of(settings));
        return new RunningService(new SpringApplicationBuilder(CarebankApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new)));
    }

    /** application.yml's options for the default H2 file store (durability and shutdown settings included). */
    static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    /**
     * The same on the embedded default store: an H2 file of its own under {@code target/h2}, with application.yml's
     * URL options, for guarantees that must hold on H2 as well as on PostgreSQL.
     */
    static RunningService startOnH2(String database, String... settings) {
        return startOn(
                "jdbc:h2:file:./target/h2/" + database + "-" + java.util.UUID.randomUUID() + H2_OPTIONS,
                "sa",
                "",
                settings);
    }

    /** On the default store, an H2 file database in {@code directory} that a restart finds again. */
    static RunningService startOnH2(java.nio.file.Path directory, String... settings) {
        return startOn(
                "jdbc:h2:file:" + directory.toAbsolutePath().resolve("carebank") + H2_OPTIONS, "sa", "", settings);
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
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
