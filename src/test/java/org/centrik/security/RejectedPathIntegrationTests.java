package org.centrik.security;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths that Spring Security's firewall refuses before any handler (encoded dots and
 * slashes, NUL, a semicolon, a backslash) get the same RFC 9457 problem detail as every
 * other refusal: 400, {@code application/problem+json}, code {@code rejected_path} — not
 * an empty 400. Sent as raw HTTP, so that no client library normalises the path first.
 */
@IntegrationTest
class RejectedPathIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void pathsTheFirewallRefusesAreProblemDetails() throws Exception {
		for (String path : List.of("/api/events/%2e%2e/users", "/api/%2E%2E/%2e%2e/etc/passwd", "/api/events/%00",
				"/api/events;jsessionid=1", "/api/events/..;/users", "/api/events/%2F", "/api/events/%5C..",
				"/api/events/%25", "/rsocket;x=1")) {
			for (String method : List.of("GET", "POST")) {
				Answer answer = send(method, path);
				assertThat(answer.status()).as(method + " " + path).isEqualTo(400);
				assertThat(answer.header("content-type")).as(method + " " + path)
					.startsWith("application/problem+json");
				JsonNode problem = json.readTree(answer.body());
				assertThat(problem.path("code").asString()).as(method + " " + path).isEqualTo("rejected_path");
				assertThat(problem.path("status").asInt()).isEqualTo(400);
				assertThat(problem.path("type").asString()).isEqualTo("https://centrik.org/problems/rejected-path");
				assertThat(problem.path("detail").asString()).isNotBlank().doesNotContain("Exception");
			}
		}
	}

	@Test
	void anOrdinaryPathIsNotRefusedByTheFirewall() throws Exception {
		Answer answer = send("GET", "/api/events/1");
		assertThat(answer.status()).isEqualTo(401);
		assertThat(json.readTree(answer.body()).path("code").asString()).isNotEqualTo("rejected_path");
	}

	private Answer send(String method, String path) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			String body = method.equals("POST") ? "{}" : "";
			out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
					+ (method.equals("POST") ? "Content-Type: application/json\r\n" : "") + "Content-Length: "
					+ body.length() + "\r\nConnection: close\r\n\r\n" + body)
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int headersEnd = raw.indexOf("\r\n\r\n");
			String head = raw.substring(0, headersEnd);
			String rest = raw.substring(headersEnd + 4);
			String[] lines = head.split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			return new Answer(status, List.of(lines).subList(1, lines.length), dechunk(head, rest));
		}
	}

	private static String dechunk(String head, String rest) {
		if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
			return rest;
		}
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = rest.indexOf("\r\n", at);
			int size = Integer.parseInt(rest.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				return body.toString();
			}
			body.append(rest, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

	private record Answer(int status, List<String> headers, String body) {

		String header(String name) {
			return this.headers.stream()
				.filter((line) -> line.toLowerCase().startsWith(name + ":"))
				.map((line) -> line.substring(name.length() + 1).trim())
				.findFirst()
				.orElse("");
		}

	}

}
