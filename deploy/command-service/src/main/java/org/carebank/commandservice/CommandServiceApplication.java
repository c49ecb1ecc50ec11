package org.carebank.commandservice;

import org.carebank.service.CarebankLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The command side alone: takes the commands of the HTTP API and handles them, with Axon Server routing each command to
 * the instance that owns its aggregate. Run several; they share the command-side PostgreSQL schema.
 */
@SpringBootApplication(scanBasePackages = {"org.carebank.command", "org.carebank.service"})
@ConfigurationPropertiesScan({"org.carebank.command", "org.carebank.service"})
public class CommandServiceApplication {

    public static void main(String[] args) {
        CarebankLauncher.launch(CommandServiceApplication.class, args);
    }
}
