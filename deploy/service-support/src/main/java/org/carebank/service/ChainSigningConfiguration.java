package org.carebank.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.carebank.kernel.audit.ChainSigningKey;
import org.carebank.kernel.audit.CheckpointInterval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key that signs the hash chain's checkpoints, kept outside the database (ADR 0005): from the setting
 * {@code carebank.audit.signing.key} (PEM text, e.g. a secret in the environment), else from the file
 * {@code carebank.audit.signing.key-file}; on a newcomer's first run, with neither, a new key is generated into that
 * file, with a warning. Only where the service keeps the chain (the embedded event store).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "carebank.audit.hash-chain", havingValue = "true", matchIfMissing = true)
class ChainSigningConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ChainSigningConfiguration.class);

    @ConfigurationProperties("carebank.audit.signing")
    record Settings(
            String key,
            @DefaultValue("./data/chain-signing-key.pem") Path keyFile,
            @DefaultValue("1000") int checkpointEvery,
            @DefaultValue("1s") Duration checkpointPoll) {}

    @Bean
    ChainSigningKey chainSigningKey(Settings settings) {
        if (settings.key() != null && !settings.key().isBlank()) {
            return parsed(settings.key(), "carebank.audit.signing.key");
        }
        Path file = settings.keyFile();
        if (Files.exists(file)) {
            return parsed(read(file), "carebank.audit.signing.key-file (" + file + ")");
        }
        var key = ChainSigningKey.generate();
        write(file, key.toPem());
        log.warn(
                "Generated a new chain signing key {} in {}, outside the database: it signs the hash chain's checkpoints"
                        + " (ADR 0005). Back it up and keep it away from the database's administrators; a real"
                        + " deployment sets carebank.audit.signing.key or carebank.audit.signing.key-file.",
                key.keyId(),
                file.toAbsolutePath());
        return key;
    }

    @Bean
    CheckpointInterval checkpointInterval(Settings settings) {
        return new CheckpointInterval(settings.checkpointEvery(), settings.checkpointPoll());
    }

    private static ChainSigningKey parsed(String pem, String setting) {
        try {
            return ChainSigningKey.fromPem(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not a usable chain signing key: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chain signing key " + file, e);
        }
    }

    /** Readable by the service's own user only, where the file system knows about owners. */
    private static void write(Path file, String pem) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a new chain signing key to " + file, e);
        }
    }
}
