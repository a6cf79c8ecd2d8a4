package org.centrik.demo;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

@Configuration(proxyBeanMethods = false)
class DemoConfiguration {

	@Bean
	DemoNetwork demoNetwork(DatabaseClient database, ReactiveTransactionManager transactionManager,
			ObjectProvider<Clock> clock) {
		return new DemoNetwork(database, transactionManager, clock.getIfUnique(Clock::systemDefaultZone));
	}

	/**
	 * Loads the demo at start-up when {@code centrik.demo.enabled} (the embedded
	 * default).
	 */
	@Bean
	@ConditionalOnBooleanProperty("centrik.demo.enabled")
	DemoNetworkRunner demoNetworkRunner(DemoNetwork demoNetwork) {
		return new DemoNetworkRunner(demoNetwork);
	}

}
