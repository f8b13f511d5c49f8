package dev.mcprisk.pipeline;

import java.util.Map;

/**
 * What one stage of a run did, for a person and for the run record: the line printed after the
 * stage ("[3/6] store ...") and its figures, which {@code mcprisk runs}, {@code run --json} and the
 * run record in the store show as the stage's counts.
 *
 * <p>Each stage returns its own record implementing this, holding its typed figures and the value
 * the next stage needs.
 */
public interface StageReport {
  /** The stage's result line, e.g. {@code "487 servers, 21 crawl results recorded ..."}. */
  String result();

  /** The stage's figures by name, e.g. {@code servers=487}; sorted by name when recorded. */
  Map<String, Long> counts();
}
