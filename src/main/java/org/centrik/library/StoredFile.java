package org.centrik.library;

/** A file's bytes as they are stored and served; its type was sniffed at upload. */
record StoredFile(String fileName, String contentType, byte[] content) {
}
