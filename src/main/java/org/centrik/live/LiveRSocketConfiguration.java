package org.centrik.live;

import java.time.Duration;

import io.rsocket.core.Resume;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.rsocket.autoconfigure.RSocketMessageHandlerCustomizer;
import org.springframework.boot.rsocket.context.RSocketServerBootstrap;
import org.springframework.boot.rsocket.netty.NettyRSocketServerFactory;
import org.springframework.boot.rsocket.server.RSocketServer;
import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import org.springframework.util.RouteMatcher;

/**
 * One RSocket responder on two transports: WebSocket at {@code /rsocket} on the HTTP port
 * (configured by Spring Boot, see application.yml) and TCP on
 * {@code centrik.rsocket.tcp-port} (7000), with session resumption on both.
 * Authentication plugs in here (the security module adds its interceptor to the same
 * responder).
 */
@Configuration(proxyBeanMethods = false)
class LiveRSocketConfiguration {

	@Bean
	RSocketServerCustomizer resumableSessions() {
		return (server) -> server.resume(new Resume().sessionDuration(Duration.ofMinutes(2)));
	}

	@Bean
	RSocketMessageHandler messageHandler(RSocketStrategies strategies,
			ObjectProvider<RSocketMessageHandlerCustomizer> customizers) {
		RSocketMessageHandler handler = new RSocketMessageHandler() {
			@Override
			protected void handleNoMatch(RouteMatcher.Route destination, Message<?> message) {
				try {
					super.handleNoMatch(destination, message);
				}
				catch (MessageDeliveryException ex) {
					throw LiveErrors.frame("unknown_route", ex.getMessage());
				}
			}
		};
		handler.setRSocketStrategies(strategies);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(handler));
		return handler;
	}

	@Bean
	RSocketServerBootstrap tcpRSocketServer(RSocketMessageHandler handler,
			ObjectProvider<RSocketServerCustomizer> customizers, @Value("${centrik.rsocket.tcp-port:7000}") int port) {
		NettyRSocketServerFactory factory = new NettyRSocketServerFactory();
		factory.setTransport(RSocketServer.Transport.TCP);
		factory.setPort(port);
		factory.setRSocketServerCustomizers(customizers.orderedStream().toList());
		return new RSocketServerBootstrap(factory, handler.responder());
	}

}
