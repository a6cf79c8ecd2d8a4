package org.centrik.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * BCrypt for new hashes; every {@code {id}} Spring Security knows still verifies, so
	 * the default can move (e.g. to Argon2) without a migration.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * The first coordinator, outside demo mode (demo users are the demo's business).
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "centrik.demo.enabled", havingValue = false, matchIfMissing = true)
	FirstCoordinator firstCoordinator(DatabaseClient database, Users users, AuditLog audit,
			ReactiveTransactionManager transactionManager, @Value("${centrik.admin.login:}") String login,
			@Value("${centrik.admin.password:}") String password) {
		return new FirstCoordinator(database, users, audit, TransactionalOperator.create(transactionManager), login,
				password);
	}

}
