package org.carebank.standalone;

import org.carebank.service.CarebankLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Carebank in one process: command side, query side and an embedded event store. */
@SpringBootApplication(scanBasePackages = "org.carebank")
@ConfigurationPropertiesScan("org.carebank")
public class CarebankApplication {

    public static void main(String[] args) {
        CarebankLauncher.launch(CarebankApplication.class, args);
    }
}
