package org.centrik;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * Centrik: the live platform of methodical networks of schools.
 */
@SpringBootApplication
@Modulithic(sharedModules = "shared")
public class CentrikApplication {

	public static void main(String[] args) {
		SpringApplication.run(CentrikApplication.class, args);
	}

}
