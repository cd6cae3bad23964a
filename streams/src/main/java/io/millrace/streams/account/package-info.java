/**
 * Settings of an account rather than a stream: {@link io.millrace.streams.account.AccountSettings} holds and
 * persists each account's {@link io.millrace.streams.account.BillingCommitment}.
 */
package io.millrace.streams.account;
