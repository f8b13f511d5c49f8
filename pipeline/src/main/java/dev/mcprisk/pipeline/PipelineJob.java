package dev.mcprisk.pipeline;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job: one pipeline run with trigger {@code schedule}, through the {@link
 * PipelineScheduler} of this process (found in the scheduler context). Never two at once in one
 * scheduler ({@code @DisallowConcurrentExecution}); across processes the pipeline lock decides.
 */
@DisallowConcurrentExecution
public final class PipelineJob implements Job {
  /** Created by Quartz for each fire. */
  public PipelineJob() {}

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    Object runs;
    try {
      runs = context.getScheduler().getContext().get(PipelineScheduler.CONTEXT_KEY);
    } catch (SchedulerException e) {
      throw new JobExecutionException("scheduler context unavailable", e, false);
    }
    if (!(runs instanceof PipelineScheduler scheduler)) {
      throw new JobExecutionException("no pipeline scheduler in this process", false);
    }
    scheduler.runOnce(context.getScheduledFireTime(), context.getFireTime());
  }
}
