package org.centrik.security;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.rsocket.EnableRSocketSecurity;
import org.springframework.security.config.annotation.rsocket.PayloadInterceptorOrder;
import org.springframework.security.config.annotation.rsocket.RSocketSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.rsocket.api.PayloadExchange;
import org.springframework.security.rsocket.api.PayloadExchangeType;
import org.springframework.security.rsocket.api.PayloadInterceptor;
import org.springframework.security.rsocket.api.PayloadInterceptorChain;
import org.springframework.security.rsocket.core.PayloadSocketAcceptorInterceptor;

/**
 * RSocket security, on both transports (Spring Boot puts the interceptor on the WebSocket
 * server; the TCP server of the live core takes the same customizers): the SETUP frame
 * must carry a valid bearer token in {@code message/x.rsocket.authentication.v0}
 * metadata, or the connection is refused with {@code REJECTED_SETUP} and a JSON code
 * ({@code unauthenticated}, {@code token_expired}, {@code token_invalid},
 * {@code token_revoked}). A request may carry its own, fresher bearer, verified the same
 * way; without one it runs as the SETUP's caller. What each route allows is
 * {@link Access}'s, asked by the route.
 */
@Configuration(proxyBeanMethods = false)
@EnableRSocketSecurity
class RSocketSecurityConfiguration {

	@Bean
	PayloadSocketAcceptorInterceptor rsocketSecurity(RSocketSecurity rsocket, Tokens tokens) {
		return rsocket.jwt((jwt) -> jwt.authenticationManager(new BearerTokens(tokens)))
			.addPayloadInterceptor(new AuthenticatedOnly())
			.authorizePayload((payloads) -> payloads.anyExchange().authenticated())
			.build();
	}

	/**
	 * Refuses what arrives without a caller with the {@code unauthenticated} code, before
	 * the authorization interceptor's plain "Access Denied"; and every request of a
	 * caller who must change their password first ({@code password_change_required}).
	 */
	static final class AuthenticatedOnly implements PayloadInterceptor, Ordered {

		@Override
		public Mono<Void> intercept(PayloadExchange exchange, PayloadInterceptorChain chain) {
			return ReactiveSecurityContextHolder.getContext()
				.map(SecurityContext::getAuthentication)
				.ofType(CallerAuthentication.class)
				.switchIfEmpty(Mono.error(TokenAuthenticationException::unauthenticated))
				.flatMap((authentication) -> authentication.getPrincipal().mustChangePassword()
						&& exchange.getType() != PayloadExchangeType.SETUP
								? Mono.error(new TokenAuthenticationException("password_change_required",
										"Change your password first: POST /api/auth/password."))
								: Mono.empty())
				.then(chain.next(exchange));
		}

		@Override
		public int getOrder() {
			return PayloadInterceptorOrder.ANONYMOUS.getOrder() - 1;
		}

	}

}
