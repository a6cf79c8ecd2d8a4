package org.centrik.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	SigningKeys signingKeys(DatabaseClient database, ReactiveTransactionManager transactionManager,
			ObjectProvider<Clock> clock) {
		return new SigningKeys(database, TransactionalOperator.create(transactionManager),
				clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	Tokens tokens(SigningKeys keys, Users users, DatabaseClient database, ReactiveTransactionManager transactionManager,
			ObjectProvider<Clock> clock, @Value("${centrik.security.access-token-ttl:15m}") Duration accessTokenTtl,
			@Value("${centrik.security.refresh-token-ttl:14d}") Duration refreshTokenTtl) {
		return new Tokens(keys, users, database, TransactionalOperator.create(transactionManager),
				clock.getIfUnique(Clock::systemUTC), accessTokenTtl, refreshTokenTtl);
	}

}
