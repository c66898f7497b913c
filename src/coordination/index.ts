/**
 * Coordination (CONTRACT §3): cross-province tasks derived from the chain analysis, their
 * states and history, their storage, and the BullMQ queues that create, deliver, notify and
 * escalate them. Entry points (HTTP, CLI, processes) use what is exported here.
 */
export * from './model';
export { deriveTasks, taskPriority, PRIORITY_WEIGHTS } from './derive';
export { planReconcile, planResolve, planTransition, planEscalation, planDelivery, escalationDue } from './plan';
export type { PlanContext } from './plan';
export * from './task-store';
export { SqliteTaskStore } from './sqlite-task-store';
export { Neo4jTaskStore, TASK_COUNTERS, createNeo4jTaskStore } from './neo4j-task-store';
export { analysisDesiredSource } from './desired';
export type { AnalysisSource, DesiredSet, DesiredSource } from './desired';
export { TaskService, randomTaskId } from './service';
export type { EscalationOutcome, ReconcileOutcome, Viewer } from './service';
export { CoordinationQueues, jobIds, QUEUE_NAMES, WEBHOOK_EVENTS, SWEEP_SCHEDULER_ID, REMINDER_SCHEDULER_ID } from './queues';
export type { FailedJob, QueueName } from './queues';
export { OutboxRelay } from './outbox';
export { EventFeed } from './events-feed';
export type { FeedSubscriber } from './events-feed';
export { sign, verifySignature, webhookBody, payloadKey, postWebhook, SIGNATURE_HEADER, EVENT_HEADER, DELIVERY_HEADER } from './webhook';
export { startPrivateRedis, freePort, redisAnswers, removeQueueKeys, RedisUnavailableError } from './redis-server';
export type { PrivateRedis } from './redis-server';
export { connectRedis, mendDisconnect } from './redis-client';
export { processors, remind, startWorkers, sweep } from './workers';
export type { CoordinationWorkers, ProcessorDeps, SweepOutcome } from './workers';
export { startCoordination, resolveRedis } from './coordination';
export { taskStoreFile, createTaskStore, createRequestStore } from './stores';
export type { Coordination, CoordinationDeps, CoordinationRole } from './coordination';
export * from './request-model';
export type { RequestStore, RequestQuery, RequestPatch, RequestWriteExtras } from './request-store';
export { SqliteRequestStore } from './sqlite-request-store';
export { Neo4jRequestStore, REQUEST_COUNTERS, createNeo4jRequestStore } from './neo4j-request-store';
export { RequestService, randomRequestId, importedRequestId } from './request-service';
export type { RequestGraph, RequestViewer, RequestStats, ShownRequest, ShownRequestWithHistory } from './request-service';
export { openRequestService } from './coordination';
