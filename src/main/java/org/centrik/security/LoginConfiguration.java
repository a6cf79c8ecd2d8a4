package org.centrik.security;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginProperties.class)
class LoginConfiguration {

	@Bean
	LoginThrottle loginThrottle(LoginProperties properties, ObjectProvider<Clock> clock) {
		return new LoginThrottle(properties, clock.getIfUnique(Clock::systemUTC));
	}

}
