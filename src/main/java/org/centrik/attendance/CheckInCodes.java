package org.centrik.attendance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The rotating check-in codes of an event: a QR token for phones at the door and a
 * six-digit code word for webinars. Both are HMAC-SHA256 of the event and a time slice
 * under one secret (from configuration, or created once in the database), so any node
 * computes the same codes and nothing is stored per event. A code is valid for the slice
 * of the scan time, the one before it (it rotated while the phone was scanning) and the
 * one after (clock skew).
 */
@Component
class CheckInCodes {

	private static final Pattern QR = Pattern.compile("([0-9]{1,12})-([A-Za-z0-9_-]{16})");

	private static final Pattern WORD = Pattern.compile("[0-9]{6}");

	/** How many earlier code words are recognised as expired rather than invalid. */
	private static final int WORDS_REMEMBERED = 12;

	private final Duration qrPeriod;

	private final Duration wordPeriod;

	private final Mono<byte[]> secret;

	CheckInCodes(AttendanceProperties properties, DatabaseClient database) {
		this.qrPeriod = properties.qrPeriod();
		this.wordPeriod = properties.wordPeriod();
		this.secret = ((properties.codeSecret() != null && !properties.codeSecret().isBlank())
				? Mono.fromCallable(() -> configured(properties.codeSecret())) : persisted(database))
			// kept once known; a failure (the database down at start) is tried again next
			// time
			.cache((key) -> Duration.ofMillis(Long.MAX_VALUE), (failure) -> Duration.ZERO, () -> Duration.ZERO);
	}

	/** The codes to show now, and when they rotate. */
	Mono<Shown> shown(long eventId, Instant now) {
		return this.secret.map((key) -> {
			long qrSlice = slice(now, this.qrPeriod);
			long wordSlice = slice(now, this.wordPeriod);
			return new Shown(qrToken(key, eventId, qrSlice), untilNext(now, qrSlice, this.qrPeriod),
					word(key, eventId, wordSlice), untilNext(now, wordSlice, this.wordPeriod));
		});
	}

	/** What a code scanned (or typed) at this instant is worth. */
	Mono<Verdict> verify(long eventId, String code, Instant scannedAt) {
		String given = (code != null) ? code.trim() : "";
		return this.secret.map((key) -> {
			Matcher qr = QR.matcher(given);
			if (qr.matches()) {
				long slice = Long.parseLong(qr.group(1));
				if (!MessageDigest.isEqual(qrToken(key, eventId, slice).getBytes(StandardCharsets.US_ASCII),
						given.getBytes(StandardCharsets.US_ASCII))) {
					return Verdict.INVALID;
				}
				return judge(slice, slice(scannedAt, this.qrPeriod), Participation.Method.QR);
			}
			if (WORD.matcher(given).matches()) {
				long now = slice(scannedAt, this.wordPeriod);
				for (long slice = now + 1; slice >= now - WORDS_REMEMBERED; slice--) {
					if (MessageDigest.isEqual(word(key, eventId, slice).getBytes(StandardCharsets.US_ASCII),
							given.getBytes(StandardCharsets.US_ASCII))) {
						return judge(slice, now, Participation.Method.CODE_WORD);
					}
				}
			}
			return Verdict.INVALID;
		});
	}

	/** The QR token of an event's slice, for tests and the host's screen. */
	Mono<String> qrToken(long eventId, Instant at) {
		return this.secret.map((key) -> qrToken(key, eventId, slice(at, this.qrPeriod)));
	}

	/** The code word of an event at an instant. */
	Mono<String> word(long eventId, Instant at) {
		return this.secret.map((key) -> word(key, eventId, slice(at, this.wordPeriod)));
	}

	private static Verdict judge(long codeSlice, long scanSlice, Participation.Method method) {
		if (codeSlice < scanSlice - 1) {
			return Verdict.EXPIRED;
		}
		if (codeSlice > scanSlice + 1) {
			// a code shown after the claimed scan time: the scan time is not true
			return Verdict.INVALID;
		}
		return (method == Participation.Method.QR) ? Verdict.QR : Verdict.CODE_WORD;
	}

	private static String qrToken(byte[] key, long eventId, long slice) {
		byte[] mac = mac(key, "qr", eventId, slice);
		return slice + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 12));
	}

	private static String word(byte[] key, long eventId, long slice) {
		byte[] mac = mac(key, "word", eventId, slice);
		// RFC 4226 dynamic truncation
		int offset = mac[mac.length - 1] & 0x0f;
		int binary = ((mac[offset] & 0x7f) << 24) | ((mac[offset + 1] & 0xff) << 16) | ((mac[offset + 2] & 0xff) << 8)
				| (mac[offset + 3] & 0xff);
		return String.format("%06d", binary % 1_000_000);
	}

	private static byte[] mac(byte[] key, String purpose, long eventId, long slice) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update(purpose.getBytes(StandardCharsets.US_ASCII));
			return mac.doFinal(ByteBuffer.allocate(16).putLong(eventId).putLong(slice).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static long slice(Instant at, Duration period) {
		return Math.floorDiv(at.toEpochMilli(), period.toMillis());
	}

	private static long untilNext(Instant now, long slice, Duration period) {
		long next = (slice + 1) * period.toMillis();
		return Math.max(1, (next - now.toEpochMilli() + 999) / 1000);
	}

	private static byte[] configured(String base64) {
		byte[] secret = Base64.getDecoder().decode(base64.trim());
		if (secret.length < 32) {
			throw new IllegalStateException("centrik.attendance.code-secret must be at least 32 bytes (base64).");
		}
		return secret;
	}

	/** The installation's secret, created by whichever node needs it first. */
	private static Mono<byte[]> persisted(DatabaseClient database) {
		return Mono.defer(() -> {
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			return database
				.sql("insert into attendance_code_keys (id, secret) values (1, :secret) on conflict do nothing")
				.bind("secret", ByteBuffer.wrap(fresh))
				.then()
				.then(database.sql("select secret from attendance_code_keys where id = 1")
					.map((row) -> row.get("secret", ByteBuffer.class))
					.one())
				.map((buffer) -> {
					byte[] bytes = new byte[buffer.remaining()];
					buffer.get(bytes);
					return bytes;
				});
		});
	}

	/**
	 * The codes on the host's screen.
	 *
	 * @param qrToken the QR token (put into the check-in URL)
	 * @param qrRotatesIn seconds until the next token
	 * @param word the code word
	 * @param wordRotatesIn seconds until the next word
	 */
	record Shown(String qrToken, long qrRotatesIn, String word, long wordRotatesIn) {
	}

	enum Verdict {

		QR, CODE_WORD, EXPIRED, INVALID;

		Participation.Method method() {
			return (this == QR) ? Participation.Method.QR : Participation.Method.CODE_WORD;
		}

	}

}
