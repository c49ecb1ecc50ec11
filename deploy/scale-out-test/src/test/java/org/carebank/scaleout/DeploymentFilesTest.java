package org.carebank.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The deployment files (deploy/compose.yaml, deploy/compose/nginx.conf, deploy/k8s) run the services the way the
 * distributed-mode test runs them: two command and two query instances on one Axon Server and one PostgreSQL, with
 * the same environment. Nothing is started; the files are read.
 */
@DisplayName("Deployment files")
class DeploymentFilesTest {

    /** Under failsafe the build passes the directory; under surefire the working directory is this module's. */
    private static final Path DEPLOY = Optional.ofNullable(System.getProperty("carebank.deploy.dir"))
            .map(Path::of)
            .orElseGet(() -> Path.of("").toAbsolutePath().getParent())
            .normalize();

    private static final YAMLMapper YAML = new YAMLMapper();

    /** One service as the distributed-mode test starts it (its environment from ScaleOutIT). */
    private record Expected(String name, String port, BiFunction<String, String, Map<String, String>> environment) {

        Map<String, String> tested() {
            return environment.apply("jdbc:postgresql://postgres:5432/carebank", "axonserver:8124");
        }

        String image() {
            return "carebank/" + name + ":0.1.0-SNAPSHOT";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Expected COMMAND = new Expected("command-service", "8081", ScaleOutIT::commandEnvironment);
    private static final Expected QUERY = new Expected("query-service", "8082", ScaleOutIT::queryEnvironment);

    private static final List<String> SECRET_KEYS = List.of(
            "SPRING_DATASOURCE_PASSWORD",
            "CAREBANK_SECURITY_JWT_SECRET",
            "CAREBANK_SECURITY_USERS_0_PASSWORD",
            "CAREBANK_SECURITY_USERS_1_PASSWORD",
            "CAREBANK_SECURITY_USERS_2_PASSWORD");

    /** A compose value taken from the environment with no default: compose refuses to start without it. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]*}");

    /** What the services recognise as a published placeholder and refuse to start with (PublishedCredentials). */
    private static final String PLACEHOLDER_MARKER = "replace-me";

    static Stream<Expected> services() {
        return Stream.of(COMMAND, QUERY);
    }

    // ---- compose ----

    @Test
    @DisplayName("compose runs two command and two query replicas against one Axon Server and one PostgreSQL")
    void composeRunsTwoReplicasOfEachServiceOnOneAxonServerAndOnePostgres() {
        JsonNode services = compose().path("services");

        assertThat(services.propertyNames())
                .containsExactlyInAnyOrder("axonserver", "postgres", "command-service", "query-service", "gateway");
        for (Expected service : List.of(COMMAND, QUERY)) {
            JsonNode node = services.path(service.name());
            assertThat(node.path("deploy").path("replicas").asInt())
                    .as("replicas of %s", service.name())
                    .isEqualTo(2);
            assertThat(text(node.path("image"))).isEqualTo(service.image());
            assertThat(text(node.path("depends_on").path("postgres").path("condition")))
                    .isEqualTo("service_healthy");
            assertThat(text(node.path("depends_on").path("axonserver").path("condition")))
                    .isEqualTo("service_started");
        }
        assertThat(text(services.path("axonserver").path("image"))).startsWith("axoniq/axonserver:");
        assertThat(services.path("axonserver").has("deploy")).isFalse();

        JsonNode postgres = services.path("postgres");
        assertThat(text(postgres.path("image"))).isEqualTo("postgres:17");
        assertThat(environment(postgres))
                .containsEntry("POSTGRES_DB", "carebank")
                .containsEntry("POSTGRES_USER", "carebank");
        assertThat(postgres.path("healthcheck").path("test").toString()).contains("pg_isready");
        assertThat(postgres.path("volumes").toString()).contains("postgres-data:");
        assertThat(compose().path("volumes").has("postgres-data")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @DisplayName("compose gives each service the environment the distributed-mode test gives it")
    void composeGivesEachServiceTheTestedEnvironment(Expected service) {
        Map<String, String> env = environment(compose().path("services").path(service.name()));

        assertTestedEnvironment(service, env);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @DisplayName("compose has no usable published credential: the secret, the passwords and the users' bcrypt hashes"
            + " come from the environment, with no default")
    void composeTakesEveryCredentialFromTheEnvironmentWithoutDefault(Expected service) {
        Map<String, String> env = environment(compose().path("services").path(service.name()));

        for (String key : SECRET_KEYS) {
            assertThat(env.get(key)).as("%s of %s", key, service.name()).matches(REQUIRED_VARIABLE);
        }
        assertThat(environment(compose().path("services").path("postgres")).get("POSTGRES_PASSWORD"))
                .matches(REQUIRED_VARIABLE);
        assertThat(read(DEPLOY.resolve("compose.yaml"))).doesNotContain("{noop}");
    }

    @Test
    @DisplayName("compose lets clients reach the services only through the gateway on port 8080")
    void clientsReachComposeServicesOnlyThroughTheGateway() {
        JsonNode gateway = compose().path("services").path("gateway");

        assertThat(gateway.path("ports").toString()).contains("8080:8080");
        assertThat(gateway.path("volumes").toString()).contains("./compose/nginx.conf:/etc/nginx/conf.d/default.conf");
        for (Expected service : List.of(COMMAND, QUERY)) {
            assertThat(compose().path("services").path(service.name()).has("ports"))
                    .as("%s is reached through the gateway only", service.name())
                    .isFalse();
        }
    }

    // ---- Kubernetes ----

    @Test
    @DisplayName("kustomization lists every Kubernetes file, in the carebank namespace")
    void kustomizationListsEveryFile() throws IOException {
        JsonNode kustomization = YAML.readTree(DEPLOY.resolve("k8s/kustomization.yaml"));
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(resource -> listed.add(text(resource)));

        List<String> files;
        try (Stream<Path> paths = Files.list(DEPLOY.resolve("k8s"))) {
            files = paths.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .toList();
        }
        assertThat(listed)
                .containsExactlyInAnyOrderElementsOf(files)
                .contains(
                        "namespace.yaml",
                        "config.yaml",
                        "postgres.yaml",
                        "axonserver.yaml",
                        "command-service.yaml",
                        "query-service.yaml",
                        "gateway.yaml");
        assertThat(text(kustomization.path("namespace"))).isEqualTo("carebank");
        for (JsonNode resource : k8s()) {
            if (!text(resource.path("kind")).equals("Namespace")) {
                assertThat(text(resource.path("metadata").path("namespace")))
                        .as("namespace of %s", resource.path("metadata").path("name"))
                        .isEqualTo("carebank");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @DisplayName("Kubernetes runs two replicas of each service with health probes, resources and metrics scraping")
    void kubernetesRunsTwoReplicasWithProbesResourcesAndMetrics(Expected service) {
        JsonNode deployment = resource("Deployment", service.name());
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = container(deployment, service);

        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(text(container.path("image"))).isEqualTo(service.image());
        assertThat(containerPorts(container)).contains(service.port());
        assertThat(text(container.path("readinessProbe").path("httpGet").path("path")))
                .isEqualTo("/actuator/health/readiness");
        assertThat(text(container.path("livenessProbe").path("httpGet").path("path")))
                .isEqualTo("/actuator/health/liveness");
        assertThat(container.path("livenessProbe").path("initialDelaySeconds").asInt())
                .as("liveness waits for a start of 20-40 s")
                .isGreaterThanOrEqualTo(30);
        assertThat(text(container.path("resources").path("requests").path("cpu")))
                .isEqualTo("250m");
        assertThat(text(container.path("resources").path("requests").path("memory")))
                .isEqualTo("512Mi");
        assertThat(text(container.path("resources").path("limits").path("memory")))
                .isEqualTo("768Mi");
        assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean())
                .isTrue();

        JsonNode annotations = pod.path("metadata").path("annotations");
        assertThat(text(annotations.path("prometheus.io/scrape"))).isEqualTo("true");
        assertThat(text(annotations.path("prometheus.io/path"))).isEqualTo("/actuator/prometheus");
        assertThat(text(annotations.path("prometheus.io/port"))).isEqualTo(service.port());

        JsonNode svc = resource("Service", service.name());
        assertThat(text(svc.path("spec").path("type"))).isEqualTo("ClusterIP");
        assertThat(svc.path("spec").path("ports").path(0).path("port").asString())
                .isEqualTo(service.port());
        assertThat(text(svc.path("spec").path("selector").path("app.kubernetes.io/name")))
                .isEqualTo(text(pod.path("metadata").path("labels").path("app.kubernetes.io/name")))
                .isEqualTo(service.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @DisplayName("Kubernetes gives each service the same environment as compose, its secrets from the Secret")
    void kubernetesGivesEachServiceTheComposeEnvironment(Expected service) {
        JsonNode container = container(resource("Deployment", service.name()), service);
        Map<String, String> env = new LinkedHashMap<>();
        container.path("envFrom").forEach(source -> {
            JsonNode configMap =
                    resource("ConfigMap", text(source.path("configMapRef").path("name")));
            configMap.path("data").properties().forEach(entry -> env.put(entry.getKey(), text(entry.getValue())));
        });
        container.path("env").forEach(variable -> {
            String name = text(variable.path("name"));
            JsonNode secretRef = variable.path("valueFrom").path("secretKeyRef");
            if (!secretRef.isMissingNode()) {
                JsonNode secret = resource("Secret", text(secretRef.path("name")));
                String key = text(secretRef.path("key"));
                assertThat(secret.path("stringData").has(key)
                                || secret.path("data").has(key))
                        .as("Secret %s has the key %s for %s", secretRef.path("name"), key, name)
                        .isTrue();
                env.put(name, "secret:" + key);
                if (name.equals("CAREBANK_SECURITY_JWT_SECRET")) {
                    assertThat(text(secret.path("stringData").path(key)))
                            .as("the placeholder token secret is long enough to be refused as a placeholder")
                            .hasSizeGreaterThanOrEqualTo(32);
                }
                assertThat(text(secret.path("stringData").path(key)))
                        .as("the published value of %s is a placeholder the services refuse to start with", key)
                        .contains(PLACEHOLDER_MARKER)
                        .doesNotContain("{noop}");
            } else {
                env.put(name, text(variable.path("value")));
            }
        });

        assertTestedEnvironment(service, env);
        for (String key : SECRET_KEYS) {
            assertThat(env.get(key)).as("%s comes from the Secret", key).startsWith("secret:");
        }
        Map<String, String> composed = environment(compose().path("services").path(service.name()));
        for (String key : env.keySet()) {
            if (!SECRET_KEYS.contains(key)) {
                assertThat(env.get(key)).as("%s as in compose", key).isEqualTo(composed.get(key));
            }
        }
    }

    @Test
    @DisplayName("Kubernetes runs one PostgreSQL and one Axon Server, each with its own volume")
    void kubernetesRunsOnePostgresAndOneAxonServerWithVolumes() {
        JsonNode postgres = resource("StatefulSet", "postgres");
        assertThat(postgres.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(postgres.path("spec").path("volumeClaimTemplates").size()).isEqualTo(1);
        assertThat(text(resource("Service", "postgres").path("spec").path("clusterIP")))
                .isEqualTo("None");
        JsonNode postgresContainer = postgres.path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0);
        assertThat(text(postgresContainer.path("image"))).isEqualTo("postgres:17");
        assertThat(postgresContainer.path("env").toString())
                .contains("\"POSTGRES_DB\"", "\"carebank\"", "datasource-password");

        JsonNode axonserver = resource("StatefulSet", "axonserver");
        assertThat(axonserver.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(axonserver.path("spec").path("volumeClaimTemplates").size()).isGreaterThanOrEqualTo(1);
        List<String> servicePorts = new ArrayList<>();
        resource("Service", "axonserver")
                .path("spec")
                .path("ports")
                .forEach(port -> servicePorts.add(port.path("port").asString()));
        assertThat(servicePorts).containsExactlyInAnyOrder("8024", "8124");
    }

    // ---- gateway ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("gateways")
    @DisplayName("the gateway sends reads, live updates and rebuilds to the query service, every other method to"
            + " the command service")
    void gatewayRoutesReadsToQueryServiceAndCommandsToCommandService(String where, String config) {
        Nginx nginx = new Nginx(config);

        assertThat(nginx.serviceFor("GET", "/api/v1/visits/v-1")).isEqualTo("query-service");
        assertThat(nginx.serviceFor("HEAD", "/api/v1/visits/v-1")).isEqualTo("query-service");
        assertThat(nginx.serviceFor("GET", "/")).isEqualTo("query-service");
        assertThat(nginx.serviceFor("GET", "/v3/api-docs")).isEqualTo("query-service");
        assertThat(nginx.serviceFor("GET", "/swagger-ui.html")).isEqualTo("query-service");
        assertThat(nginx.serviceFor("GET", "/api/v1/live")).isEqualTo("query-service");
        assertThat(nginx.serviceFor("POST", "/api/v1/admin/projections/visit-views/rebuild"))
                .isEqualTo("query-service");
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            assertThat(nginx.serviceFor(method, "/api/v1/visits/v-1"))
                    .as("%s goes to the command service", method)
                    .isEqualTo("command-service");
        }
        assertThat(nginx.serviceFor("POST", "/api/v1/rosters")).isEqualTo("command-service");
        assertThat(nginx.location("/api/v1/live"))
                .as("server-sent events are not buffered")
                .contains("proxy_buffering off;");
        assertThat(nginx.text).containsPattern("listen\\s+8080;");
    }

    static Stream<Arguments> gateways() {
        JsonNode configMap = resource("ConfigMap", "gateway-nginx");
        return Stream.of(
                Arguments.of("compose", read(DEPLOY.resolve("compose/nginx.conf"))),
                Arguments.of("k8s", text(configMap.path("data").path("default.conf"))));
    }

    // ---- the checks shared by compose and k8s ----

    private static void assertTestedEnvironment(Expected service, Map<String, String> env) {
        Map<String, String> tested = service.tested();
        assertThat(env)
                .as("environment of %s", service.name())
                .containsKeys(tested.keySet().toArray(String[]::new));
        tested.forEach((key, value) -> {
            if (!ScaleOutIT.CREDENTIALS.contains(key)) {
                assertThat(env.get(key)).as("%s of %s", key, service.name()).isEqualTo(value);
            }
        });
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo("carebank");
        assertThat(env.get("SERVER_PORT")).isEqualTo(service.port());
    }

    // ---- reading the files ----

    private static JsonNode compose() {
        return YAML.readTree(DEPLOY.resolve("compose.yaml"));
    }

    /** Every document of every resource file under deploy/k8s (kustomization.yaml lists them). */
    private static List<JsonNode> k8s() {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> paths = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList()) {
                try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(path)) {
                    values.readAll().stream().filter(JsonNode::isObject).forEach(documents::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + DEPLOY.resolve("k8s"), e);
        }
        assertThat(documents).as("documents under %s", DEPLOY.resolve("k8s")).isNotEmpty();
        return documents;
    }

    private static JsonNode resource(String kind, String name) {
        List<JsonNode> found = k8s().stream()
                .filter(document -> kind.equals(text(document.path("kind"))))
                .filter(document -> name.equals(text(document.path("metadata").path("name"))))
                .toList();
        assertThat(found).as("%s %s in deploy/k8s", kind, name).hasSize(1);
        return found.get(0);
    }

    private static JsonNode container(JsonNode deployment, Expected service) {
        JsonNode containers =
                deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.size()).as("containers of %s", service.name()).isEqualTo(1);
        return containers.path(0);
    }

    private static List<String> containerPorts(JsonNode container) {
        List<String> ports = new ArrayList<>();
        container
                .path("ports")
                .forEach(port -> ports.add(port.path("containerPort").asString()));
        return ports;
    }

    /** A compose service's environment, written as a map or as a list of NAME=value. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            environment.forEach(entry -> {
                String[] parts = text(entry).split("=", 2);
                env.put(parts[0], parts.length > 1 ? parts[1] : null);
            });
        } else {
            environment.properties().forEach(entry -> env.put(entry.getKey(), text(entry.getValue())));
        }
        return env;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asString() : null;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /**
     * Just enough of an nginx configuration to follow a request: the {@code map} on {@code $request_method}, the
     * {@code upstream} blocks, and the prefix locations (without nested blocks) with their {@code set} and
     * {@code proxy_pass}.
     */
    private static final class Nginx {

        private static final Pattern MAP = Pattern.compile("map\\s+\\$request_method\\s+\\$(\\w+)\\s*\\{([^}]*)}");
        private static final Pattern UPSTREAM = Pattern.compile("upstream\\s+(\\w+)\\s*\\{[^}]*?server\\s+([^\\s;]+)");
        private static final Pattern LOCATION = Pattern.compile("location\\s+(?:=\\s*)?(\\S+)\\s*\\{([^}]*)}");
        private static final Pattern PROXY_PASS = Pattern.compile("proxy_pass\\s+https?://([^\\s;/]+)");
        private static final Pattern SET = Pattern.compile("set\\s+\\$(\\w+)\\s+([^\\s;]+);");

        final String text;
        private final String methodVariable;
        private final Map<String, String> byMethod = new LinkedHashMap<>();
        private final Map<String, String> upstreams = new LinkedHashMap<>();
        private final Map<String, String> locations = new LinkedHashMap<>();

        Nginx(String config) {
            this.text = config.replaceAll("(?m)#.*$", "");
            Matcher map = MAP.matcher(text);
            assertThat(map.find()).as("a map on $request_method").isTrue();
            methodVariable = map.group(1);
            for (String entry : map.group(2).split(";")) {
                String[] parts = entry.trim().split("\\s+");
                if (parts.length == 2) {
                    byMethod.put(parts[0], parts[1]);
                }
            }
            Matcher upstream = UPSTREAM.matcher(text);
            while (upstream.find()) {
                upstreams.put(upstream.group(1), upstream.group(2));
            }
            Matcher location = LOCATION.matcher(text);
            while (location.find()) {
                locations.put(location.group(1), location.group(2));
            }
        }

        String location(String prefix) {
            return locations.getOrDefault(prefix, "");
        }

        /** The service (its DNS name) a request reaches. */
        String serviceFor(String method, String path) {
            String prefix = locations.keySet().stream()
                    .filter(path::startsWith)
                    .reduce((a, b) -> a.length() >= b.length() ? a : b)
                    .orElseThrow(() -> new AssertionError("no location for " + path));
            String block = locations.get(prefix);
            Matcher pass = PROXY_PASS.matcher(block);
            assertThat(pass.find()).as("proxy_pass in location %s", prefix).isTrue();
            String target = pass.group(1);
            if (target.startsWith("$")) {
                String variable = target.substring(1);
                if (variable.equals(methodVariable)) {
                    target = byMethod.getOrDefault(method, byMethod.get("default"));
                } else {
                    Matcher set = SET.matcher(block);
                    String value = null;
                    while (set.find()) {
                        if (set.group(1).equals(variable)) {
                            value = set.group(2);
                        }
                    }
                    assertThat(value)
                            .as("$%s set in location %s", variable, prefix)
                            .isNotNull();
                    target = value;
                }
            }
            target = upstreams.getOrDefault(target, target);
            return target.split(":")[0];
        }
    }
}
