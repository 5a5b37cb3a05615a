package dev.cdcsink;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CdcSinkApplication {

    public static void main(String[] args) {
        SpringApplication.run(CdcSinkApplication.class, args);
    }
}
