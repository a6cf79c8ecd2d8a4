package org.centrik.security;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LoginPropertiesTests {

	@Test
	void defaultsAreFiveFailuresPerAccountAndThirtyPerAddressIn15Minutes() {
		LoginProperties defaults = new LoginProperties(null, null, 0);

		assertThat(defaults.account()).isEqualTo(new LoginProperties.Limit(5, Duration.ofMinutes(15)));
		assertThat(defaults.address()).isEqualTo(new LoginProperties.Limit(30, Duration.ofMinutes(15)));
		assertThat(defaults.tracked()).isEqualTo(100_000);
	}

	@Test
	void eitherHalfOfALimitMayBeConfiguredAlone() {
		LoginProperties properties = bind(Map.of("centrik.security.login.account.failures", "10",
				"centrik.security.login.address.window", "1h", "centrik.security.login.tracked", "500"));

		assertThat(properties.account()).isEqualTo(new LoginProperties.Limit(10, Duration.ofMinutes(15)));
		assertThat(properties.address()).isEqualTo(new LoginProperties.Limit(30, Duration.ofHours(1)));
		assertThat(properties.tracked()).isEqualTo(500);
	}

	@Test
	void negativeFailuresOrAnEmptyWindowAreRefused() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("centrik.security.login.account.failures", "-1")));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("centrik.security.login.address.window", "0s")));
	}

	private static LoginProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bind("centrik.security.login", LoginProperties.class)
			.get();
	}

}
