package dev.mcprisk.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One pipeline run as recorded in the store.
 *
 * @param id run id, positive, increasing with start order
 * @param trigger what started it: {@code manual} or {@code schedule}
 * @param startedAt when it started
 * @param finishedAt when it ended; null while {@link RunStatus#RUNNING}
 * @param status how it stands or ended
 * @param owner the process that ran it, {@code pid@host}; null for runs recorded before schema 2
 * @param error why it FAILED or was INTERRUPTED; null otherwise
 * @param stages its finished stages in run order
 */
public record RunRecord(
    long id,
    String trigger,
    Instant startedAt,
    Instant finishedAt,
    RunStatus status,
    String owner,
    String error,
    List<RunStage> stages) {
  public RunRecord {
    Objects.requireNonNull(trigger, "trigger == null");
    Objects.requireNonNull(startedAt, "startedAt == null");
    Objects.requireNonNull(status, "status == null");
    stages = List.copyOf(stages == null ? List.of() : stages);
  }
}
