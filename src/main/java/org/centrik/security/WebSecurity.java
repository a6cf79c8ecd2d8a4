package org.centrik.security;

import java.util.List;
import java.util.Set;

import org.centrik.shared.DatabaseUnavailable;
import org.centrik.shared.Problems;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * HTTP security: who the caller is (a bearer token, or the session a browser login made)
 * and the coarse rules of {@code docs/security.md} (what is public, what needs a login,
 * the actuator for coordinators). The fine rules, ownership and membership, are
 * {@link Access}'s, asked by each endpoint. Refusals are problem details: 401
 * {@code unauthenticated} or the token's code, 403 {@code forbidden} or
 * {@code password_change_required}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class WebSecurity {

	/** What a logged-in user who must change their password may still reach. */
	private static final Set<String> BEFORE_PASSWORD_CHANGE = Set.of("/api/me", "/api/auth/password");

	/** Token endpoints that take their credentials in the body, not from a cookie. */
	private static final ServerWebExchangeMatcher CREDENTIALS_IN_BODY = ServerWebExchangeMatchers
		.pathMatchers(HttpMethod.POST, "/api/auth/token", "/api/auth/refresh", "/api/auth/logout");

	/**
	 * Spring Security's firewall refuses paths with encoded dots or slashes, NUL, a
	 * semicolon and the like before any filter or handler runs; its answer is the same
	 * problem detail as every other refusal, not an empty 400.
	 */
	@Bean
	ServerExchangeRejectedHandler rejectedPaths() {
		return (exchange, rejected) -> ProblemWriter.write(exchange, Problems.problem(HttpStatus.BAD_REQUEST,
				"rejected_path", "Path refused",
				"The request path holds characters this server never accepts (encoded dots, slashes or percent signs, "
						+ "NUL, a semicolon, or other control characters)."));
	}

	@Bean
	SecurityWebFilterChain httpSecurity(ServerHttpSecurity http, Tokens tokens, Logins logins, Profiles profiles,
			AuditLog audit, JsonMapper json, @Value("${centrik.cors.allowed-origins:}") List<String> allowedOrigins) {
		AuthenticationWebFilter bearer = new AuthenticationWebFilter(new BearerTokens(tokens));
		bearer.setServerAuthenticationConverter(new ServerBearerTokenAuthenticationConverter());
		bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		bearer.setAuthenticationFailureHandler(
				(exchange, failure) -> ProblemWriter.write(exchange.getExchange(), unauthenticated(failure)));

		AuthenticationWebFilter login = new AuthenticationWebFilter(new PasswordLogins(logins, tokens));
		login.setRequiresAuthenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/login"));
		login.setServerAuthenticationConverter((exchange) -> exchange.getFormData()
			.map((form) -> PasswordLogins.request(form.getFirst("username"), form.getFirst("password"),
					AuthController.address(exchange.getRequest()))));
		login.setSecurityContextRepository(new WebSessionServerSecurityContextRepository());
		login.setAuthenticationSuccessHandler((exchange, authentication) -> exchange.getExchange()
			.getSession()
			// a new session id at login: a planted session cookie is worth nothing
			.flatMap((session) -> session.changeSessionId())
			.then(profiles.of((Caller) authentication.getPrincipal()))
			.flatMap((profile) -> writeJson(exchange.getExchange(), json, profile)));
		login.setAuthenticationFailureHandler((exchange, failure) -> ProblemWriter.write(exchange.getExchange(),
				(failure instanceof LoginThrottledException throttled)
						? AuthProblem.tooManyAttempts(throttled.retryAfterSeconds()) : AuthProblem.badCredentials()));

		CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
		csrfTokens.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));

		http.securityContextRepository(new WebSessionServerSecurityContextRepository())
			.addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
			.addFilterAt(login, SecurityWebFiltersOrder.FORM_LOGIN)
			.addFilterAfter(csrfCookie(), SecurityWebFiltersOrder.CSRF)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				.accessDeniedHandler((exchange, denied) -> ProblemWriter.write(exchange,
						Problems.problem(HttpStatus.FORBIDDEN, "csrf_invalid", "CSRF token missing or wrong",
								"Send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header.")))
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(WebSecurity::needsCsrfToken))
			.logout((logout) -> logout.logoutUrl("/logout")
				.logoutHandler(logoutHandler(tokens, audit))
				.logoutSuccessHandler((exchange, authentication) -> {
					exchange.getExchange().getResponse().setStatusCode(HttpStatus.NO_CONTENT);
					return Mono.empty();
				}))
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
				.permitAll()
				.pathMatchers("/actuator/**")
				.hasRole(Role.COORDINATOR.name())
				.pathMatchers("/api/auth/token", "/api/auth/refresh", "/api/auth/logout")
				.permitAll()
				// certificates are checked by whoever holds one: no login
				.pathMatchers(HttpMethod.GET, "/verify/*")
				.permitAll()
				.pathMatchers("/api/**")
				.access((authentication, context) -> authentication
					.map((auth) -> auth.getPrincipal() instanceof Caller caller && (!caller.mustChangePassword()
							|| BEFORE_PASSWORD_CHANGE.contains(context.getExchange().getRequest().getPath().value())))
					.defaultIfEmpty(false)
					.map(AuthorizationDecision::new))
				.anyExchange()
				.permitAll())
			.exceptionHandling((handling) -> handling
				.authenticationEntryPoint((exchange, failure) -> ProblemWriter.write(exchange, unauthenticated(null)))
				.accessDeniedHandler((exchange, denied) -> exchange.getPrincipal()
					.map((principal) -> principal instanceof CallerAuthentication authentication
							&& authentication.getPrincipal().mustChangePassword())
					.defaultIfEmpty(false)
					.flatMap((mustChange) -> ProblemWriter.write(exchange,
							mustChange ? Problems.problem(HttpStatus.FORBIDDEN, "password_change_required",
									"Password change required", "Change your password first: POST /api/auth/password.")
									: Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
											"You may not do this.")))))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; img-src 'self' data: blob:; "
						+ "style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; "
						+ "base-uri 'self'; form-action 'self'; object-src 'none'"))
				.frameOptions((frames) -> frames.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		if (allowedOrigins.stream().anyMatch((origin) -> !origin.isBlank())) {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(allowedOrigins.stream().filter((origin) -> !origin.isBlank()).toList());
			cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
			cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Last-Event-ID"));
			UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
			source.registerCorsConfiguration("/api/**", cors);
			http.cors((spec) -> spec.configurationSource(source));
		}
		else {
			http.cors(ServerHttpSecurity.CorsSpec::disable);
		}
		return http.build();
	}

	/**
	 * CSRF protects what a cookie authenticates: unsafe methods of a session without a
	 * bearer token, and the login, except the token endpoints, whose credentials are in
	 * the body.
	 */
	private static Mono<ServerWebExchangeMatcher.MatchResult> needsCsrfToken(ServerWebExchange exchange) {
		HttpMethod method = exchange.getRequest().getMethod();
		boolean safe = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
				|| HttpMethod.OPTIONS.equals(method) || HttpMethod.TRACE.equals(method);
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
		// without a session cookie nothing ambient authenticates the call (it gets its
		// 401),
		// except the login itself, which makes the session
		boolean session = exchange.getRequest().getCookies().containsKey("SESSION");
		boolean login = exchange.getRequest().getPath().value().equals("/login");
		if (safe || bearer || (!session && !login)) {
			return ServerWebExchangeMatcher.MatchResult.notMatch();
		}
		return CREDENTIALS_IN_BODY.matches(exchange)
			.flatMap((match) -> match.isMatch() ? ServerWebExchangeMatcher.MatchResult.notMatch()
					: ServerWebExchangeMatcher.MatchResult.match());
	}

	/** Sends the {@code XSRF-TOKEN} cookie on every response, for the web UI to echo. */
	private static WebFilter csrfCookie() {
		return (exchange, chain) -> {
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			return (token != null) ? token.then(chain.filter(exchange)) : chain.filter(exchange);
		};
	}

	private static ServerLogoutHandler logoutHandler(Tokens tokens, AuditLog audit) {
		ServerLogoutHandler revoke = (exchange,
				authentication) -> (authentication != null && authentication.getPrincipal() instanceof Caller caller
						&& caller.family() != null)
								? tokens.revokeFamily(caller.family())
									.then(audit.record(
											new Actor(caller.user(), caller.login(),
													AuthController.address(exchange.getExchange().getRequest())),
											AuditAction.LOGOUT, "user:" + caller.user().value(), java.util.Map.of()))
								: Mono.empty();
		return new DelegatingServerLogoutHandler(revoke, new SecurityContextServerLogoutHandler(),
				new WebSessionServerLogoutHandler());
	}

	private static ErrorResponseException unauthenticated(AuthenticationException failure) {
		if (failure instanceof TokenAuthenticationException token && DatabaseUnavailable.CODE.equals(token.code())) {
			return DatabaseUnavailable.problem();
		}
		if (failure instanceof TokenAuthenticationException token) {
			return Problems.problem(HttpStatus.UNAUTHORIZED, token.code(), "Unauthenticated", token.detail());
		}
		if (failure instanceof BadCredentialsException) {
			return Problems.problem(HttpStatus.UNAUTHORIZED, "token_invalid", "Unauthenticated",
					"The bearer token is not valid.");
		}
		return Problems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
				"Log in first (POST /login), or send a bearer token from POST /api/auth/token.");
	}

	private static Mono<Void> writeJson(ServerWebExchange exchange, JsonMapper json, Object body) {
		exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
		exchange.getResponse().getHeaders().setCacheControl("no-store");
		byte[] bytes = json.writeValueAsBytes(body);
		return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(bytes)));
	}

}
