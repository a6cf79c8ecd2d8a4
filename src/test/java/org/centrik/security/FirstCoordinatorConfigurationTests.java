package org.centrik.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Demo mode has its own users: the first coordinator is created only outside it.
 */
class FirstCoordinatorConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(SecurityConfiguration.class)
		.withBean(DatabaseClient.class, () -> mock(DatabaseClient.class))
		.withBean(ReactiveTransactionManager.class, () -> mock(ReactiveTransactionManager.class))
		.withBean(Users.class, () -> mock(Users.class))
		.withBean(AuditLog.class, () -> mock(AuditLog.class));

	@Test
	void demoModeCreatesNoCoordinator() {
		this.contexts.withPropertyValues("centrik.demo.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FirstCoordinator.class));
	}

	@Test
	void outsideDemoModeTheFirstCoordinatorIsEnsured() {
		this.contexts.withPropertyValues("centrik.demo.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(FirstCoordinator.class));
	}

	@Test
	void withoutADemoSettingTheFirstCoordinatorIsEnsured() {
		this.contexts.run((context) -> assertThat(context).hasSingleBean(FirstCoordinator.class));
	}

}
