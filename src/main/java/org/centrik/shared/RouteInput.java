package org.centrik.shared;

import org.springframework.core.convert.ConversionException;

/**
 * Failures of an RSocket route that are the caller's bad input, though Spring does not
 * say so: they answer {@code bad_input}, not {@code internal}.
 */
public final class RouteInput {

	private RouteInput() {
	}

	/**
	 * A route variable that is not of its type
	 * ({@code attendance.99999999999999999999.check-in}), or a payload of JSON
	 * {@code null}, which Spring's payload resolver decodes to null and then fails on
	 * with a NullPointerException of its own.
	 * @param failure the failure of the route
	 * @return whether the caller sent it
	 */
	public static boolean isBad(Throwable failure) {
		if (failure instanceof ConversionException) {
			return true;
		}
		if (failure instanceof NullPointerException) {
			for (StackTraceElement frame : failure.getStackTrace()) {
				if (frame.getClassName().endsWith(".PayloadMethodArgumentResolver")) {
					return true;
				}
			}
		}
		return false;
	}

}
