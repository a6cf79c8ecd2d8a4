package org.centrik.attendance;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AttendanceProperties.class)
class AttendanceConfiguration {

	@Bean
	CheckInThrottle checkInThrottle(AttendanceProperties properties, ObjectProvider<Clock> clock) {
		return new CheckInThrottle(properties, clock.getIfUnique(Clock::systemUTC));
	}

}
