package org.carebank.standalone;

import java.util.Arrays;
import org.carebank.service.CarebankLauncher;
import org.carebank.standalone.replay.ReplayCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Carebank in one process: command side, query side and an embedded event store. */
@SpringBootApplication(scanBasePackages = "org.carebank")
@ConfigurationPropertiesScan("org.carebank")
public class CarebankApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("replay")) {
            // An auditor's offline replay of an export (docs/offline-replay.md): no server of its own is started.
            System.setProperty("axoniq.update-checker.disabled", "true");
            System.exit(ReplayCommand.run(
                    CarebankApplication.class, Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        CarebankLauncher.launch(CarebankApplication.class, args);
    }
}
