package org.carebank.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Carebank in one process: command side, query side and an embedded event store. */
@SpringBootApplication(scanBasePackages = "org.carebank")
public class CarebankApplication {

    public static void main(String[] args) {
        // Axon 4.13 asks the internet for updates at start-up; this service runs where that is not wanted.
        System.setProperty("axoniq.update-checker.disabled", "true");
        if (args.length > 0 && args[0].equals("mint-token")) {
            TokenMinter.run(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(CarebankApplication.class, args);
    }
}
