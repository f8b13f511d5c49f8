package dev.mcprisk.classifier;

import java.util.List;

/**
 * Ids of the rules the classifier's code fires itself; the data files ({@code lexicon.json}, {@code
 * signals.json}, {@code risk.json}) hold the others. An assessment lists the ids that fired.
 */
final class RuleIds {
  static final String NAME_VERB = "name.verb";
  static final String NAME_ENUMERATION = "name.enumeration";
  static final String NAME_SERVER_PREFIX = "name.server-prefix";
  static final String NAME_RESOURCE_VERB = "name.resource-verb";
  static final String NAME_BASE_FORM_VERB = "name.base-form-verb";
  static final String FIRST_SENTENCE_VERB = "desc.first-sentence-verb";
  static final String TITLE_VERB = "title.verb";
  static final String ANY_SENTENCE_VERB = "desc.any-verb";
  static final String READ_NOUN = "name.read-noun";
  static final String READ_NOUN_IN_DESCRIPTION = "desc.read-noun";
  static final String READ_ONLY_HINT = "annotation.read-only-hint";
  static final String OTHER = "fallback.other";
  static final String FINANCIAL = "financial.object";
  static final String FINANCIAL_IN_DESCRIPTION = "financial.object-in-description";
  static final String FINANCIAL_IN_CONTEXT = "financial.object-on-payments-server";
  static final String DESC_ENUMERATION = "desc.enumeration";
  static final String ENUM_PARAMETER = "param.action-enum";
  static final String IRREVERSIBLE_WRITE = "category.irreversible-write";
  static final String MESSAGE_SENDING = "name.message-sending";
  static final String HIGH_PARAMETER_COUNT = "schema.high-parameter-count";
  static final String EMPTY_DESCRIPTION = "desc.empty";
  static final String CONTRADICTION = "annotation.contradiction";
  static final String DESTRUCTIVE_OPTION = "param.destructive-option";
  static final String OVERWRITE_MODE = "param.overwrite-mode";
  static final String COST_PARAMETER = "financial.cost-parameter";
  static final String SQL_IS_EXECUTE = "category.sql-is-execute";
  static final String WRITING_SQL_IS_EXECUTE = "category.writing-sql-is-execute";
  static final String IRREVERSIBLE_EXECUTE = "category.irreversible-execute";

  /** Every id above. */
  static final List<String> ALL =
      List.of(
          NAME_VERB,
          NAME_ENUMERATION,
          NAME_SERVER_PREFIX,
          NAME_RESOURCE_VERB,
          NAME_BASE_FORM_VERB,
          FIRST_SENTENCE_VERB,
          TITLE_VERB,
          ANY_SENTENCE_VERB,
          READ_NOUN,
          READ_NOUN_IN_DESCRIPTION,
          READ_ONLY_HINT,
          OTHER,
          FINANCIAL,
          FINANCIAL_IN_DESCRIPTION,
          FINANCIAL_IN_CONTEXT,
          DESC_ENUMERATION,
          ENUM_PARAMETER,
          IRREVERSIBLE_WRITE,
          MESSAGE_SENDING,
          HIGH_PARAMETER_COUNT,
          EMPTY_DESCRIPTION,
          CONTRADICTION,
          DESTRUCTIVE_OPTION,
          OVERWRITE_MODE,
          COST_PARAMETER,
          SQL_IS_EXECUTE,
          WRITING_SQL_IS_EXECUTE,
          IRREVERSIBLE_EXECUTE);

  private RuleIds() {}
}
