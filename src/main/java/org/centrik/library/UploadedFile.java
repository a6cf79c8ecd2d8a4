package org.centrik.library;

/** A file that passed {@link FileSafety}: a plain name, a sniffed type, its bytes. */
record UploadedFile(String fileName, String contentType, byte[] content) {
}
