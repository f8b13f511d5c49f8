package dev.mcprisk.classifier;

import java.util.Objects;

/**
 * The first action read from a tool, before widening, and where it was read.
 *
 * @param action the action; not null
 * @param source where it came from; not null
 */
record BaseAction(Action action, ActionSource source) {
  BaseAction {
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(source, "source == null");
  }
}
