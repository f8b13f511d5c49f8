package dev.mcprisk.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns a file-system error into words a person can act on. */
final class FileProblems {
  private FileProblems() {}

  /**
   * What went wrong, e.g. "permission denied", "a file stands where a folder is needed: /x".
   *
   * @param e the error; never null
   */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      return "a file stands where a folder is needed: " + e.getMessage();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder: " + e.getMessage();
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason() + (fse.getFile() == null ? "" : ": " + fse.getFile());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
