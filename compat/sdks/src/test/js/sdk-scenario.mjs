// The AWS SDK for JavaScript v3 as a client of Millrace (run by JavaScriptSdkIT). Its Kinesis client speaks AWS JSON
// 1.1 over HTTP/2 (cleartext, prior knowledge, on an http:// endpoint), event streams included; its Firehose client
// speaks AWS JSON 1.1 over HTTP/1.1.
// Usage: node sdk-scenario.mjs ENDPOINT WRITE_STREAM READ_STREAM DELIVERY_STREAM BUCKET
//   (signing with the credentials in SCENARIO_ACCESS_KEY_ID and SCENARIO_SECRET_ACCESS_KEY)
//   WRITE_STREAM:    created here (2 shards) and written with PutRecords and PutRecord;
//   READ_STREAM:     written by the Java test before; read here with GetRecords and SubscribeToShard;
//   DELIVERY_STREAM: a Firehose stream created here (DirectPut, to S3 bucket BUCKET, unbuffered) and written with
//                    PutRecord and PutRecordBatch.
// Prints one JSON object of what it saw on stdout; the Java test judges it. Exits 1 on any unexpected failure.
import {
  KinesisClient, CreateStreamCommand, PutRecordsCommand, PutRecordCommand, ListShardsCommand, GetShardIteratorCommand,
  GetRecordsCommand, DescribeStreamSummaryCommand, DescribeStreamCommand, RegisterStreamConsumerCommand,
  DescribeStreamConsumerCommand, SubscribeToShardCommand, waitUntilStreamExists,
} from '@aws-sdk/client-kinesis';
import {
  FirehoseClient, CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, PutRecordBatchCommand,
  PutRecordCommand as FirehosePutRecordCommand,
} from '@aws-sdk/client-firehose';

const [endpoint, writeStream, readStream, deliveryStream, bucket] = process.argv.slice(2);
const settings = {
  endpoint, region: 'us-east-1', maxAttempts: 1,
  credentials: {
    accessKeyId: process.env.SCENARIO_ACCESS_KEY_ID, secretAccessKey: process.env.SCENARIO_SECRET_ACCESS_KEY,
  },
};
const kinesis = new KinesisClient(settings);
const firehose = new FirehoseClient(settings);
const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const out = { puts: [], getRecords: {}, subscribed: {}, errors: {}, listShardsPages: 0, firehose: {} };

async function failure(command, client = kinesis) {
  try {
    await client.send(command);
    return { name: 'none' };
  } catch (e) {
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
}

async function write() {
  await kinesis.send(new CreateStreamCommand({ StreamName: writeStream, ShardCount: 2 }));
  await waitUntilStreamExists({ client: kinesis, maxWaitTime: 30 }, { StreamName: writeStream });
  // Lengths from 1 byte to 4 KiB, every byte value among them.
  const records = [...Array(40).keys()].map((i) => ({
    Data: Uint8Array.from({ length: i === 39 ? 4096 : 1 + i * 7 }, (_, k) => (k * 31 + i) & 0xff),
    PartitionKey: `key-${i}-\u00e9\u4e2d`,
  }));
  const answer = await kinesis.send(new PutRecordsCommand({ StreamName: writeStream, Records: records }));
  if (answer.FailedRecordCount !== 0) throw new Error(`PutRecords failed ${answer.FailedRecordCount} records`);
  answer.Records.forEach((entry, i) => out.puts.push({
    data: b64(records[i].Data), partitionKey: records[i].PartitionKey,
    sequenceNumber: entry.SequenceNumber, shardId: entry.ShardId,
  }));
  // Hash key 0 is the first shard's; the ordering number is the last one that shard gave.
  const previous = out.puts.filter((put) => put.shardId === 'shardId-000000000000').pop();
  const one = { Data: Uint8Array.of(0, 255, 128), PartitionKey: 'explicit', ExplicitHashKey: '0',
    SequenceNumberForOrdering: previous.sequenceNumber };
  const single = await kinesis.send(new PutRecordCommand({ StreamName: writeStream, ...one }));
  out.puts.push({ data: b64(one.Data), partitionKey: one.PartitionKey, sequenceNumber: single.SequenceNumber,
    shardId: single.ShardId });
}

async function shardsOf(stream) {
  const shards = [];
  let page = await kinesis.send(new ListShardsCommand({ StreamName: stream, MaxResults: 1 }));
  for (;;) {
    out.listShardsPages++;
    shards.push(...page.Shards);
    if (!page.NextToken) return shards;
    page = await kinesis.send(new ListShardsCommand({ NextToken: page.NextToken, MaxResults: 1 }));
  }
}

const seen = (record) => ({ data: b64(record.Data), partitionKey: record.PartitionKey,
  sequenceNumber: record.SequenceNumber, arrivalMs: record.ApproximateArrivalTimestamp.getTime() });

async function readWithGetRecords(shards) {
  for (const shard of shards) {
    const records = [];
    let iterator = (await kinesis.send(new GetShardIteratorCommand({ StreamName: readStream, ShardId: shard.ShardId,
      ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (;;) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 7 }));
      records.push(...page.Records.map(seen));
      if (page.MillisBehindLatest === 0 && page.Records.length === 0) break;
      iterator = page.NextShardIterator;
    }
    out.getRecords[shard.ShardId] = records;
  }
}

async function readWithSubscribeToShard(shards, streamArn) {
  const consumer = (await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn,
    ConsumerName: 'javascript' }))).Consumer;
  while ((await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: consumer.ConsumerARN })))
    .ConsumerDescription.ConsumerStatus !== 'ACTIVE') {
    await sleep(100);
  }
  for (const shard of shards) {
    const wanted = out.getRecords[shard.ShardId].length;
    const records = [];
    // Leaving the loop does not end the HTTP/2 stream (nor does destroying the client: its sessions close
    // gracefully, after their streams); aborting the request resets it, as an application that stops reading would.
    const cancel = new AbortController();
    const subscription = await kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumer.ConsumerARN,
      ShardId: shard.ShardId, StartingPosition: { Type: 'TRIM_HORIZON' } }), { abortSignal: cancel.signal });
    for await (const event of subscription.EventStream) {
      if (!event.SubscribeToShardEvent) throw new Error(`unexpected event ${JSON.stringify(event)}`);
      records.push(...event.SubscribeToShardEvent.Records.map(seen));
      if (records.length >= wanted && event.SubscribeToShardEvent.MillisBehindLatest === 0) break;
    }
    cancel.abort();
    out.subscribed[shard.ShardId] = records;
  }
}

async function errors() {
  out.errors.badIterator = await failure(new GetRecordsCommand({ ShardIterator: 'not-an-iterator' }));
  out.errors.missingStream = await failure(new DescribeStreamCommand({ StreamName: 'no-such-stream' }));
  out.errors.duplicateStream = await failure(new CreateStreamCommand({ StreamName: readStream, ShardCount: 1 }));
  out.errors.badShard = await failure(new GetShardIteratorCommand({ StreamName: readStream,
    ShardId: 'shardId-000000000009', ShardIteratorType: 'LATEST' }));
  const iterator = (await kinesis.send(new GetShardIteratorCommand({ StreamName: readStream,
    ShardId: 'shardId-000000000000', ShardIteratorType: 'LATEST' }))).ShardIterator;
  out.errors.limitTooHigh = await failure(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10001 }));
}

async function deliver() {
  await firehose.send(new CreateDeliveryStreamCommand({
    DeliveryStreamName: deliveryStream, DeliveryStreamType: 'DirectPut',
    ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/firehose',
      BucketARN: `arn:aws:s3:::${bucket}`, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
  }));
  let description;
  for (;;) {
    description = (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: deliveryStream })))
      .DeliveryStreamDescription;
    if (description.DeliveryStreamStatus !== 'CREATING') break;
    await sleep(100);
  }
  out.firehose.status = description.DeliveryStreamStatus;
  const text = (i) => new TextEncoder().encode(`firehose record ${i};`);
  const single = await firehose.send(new FirehosePutRecordCommand({ DeliveryStreamName: deliveryStream,
    Record: { Data: text(0) } }));
  const batch = await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: deliveryStream,
    Records: [...Array(20).keys()].map((i) => ({ Data: text(i + 1) })) }));
  out.firehose.failedPutCount = batch.FailedPutCount;
  out.firehose.recordIds = [single.RecordId, ...batch.RequestResponses.map((r) => r.RecordId)];
  out.firehose.missing = await failure(new FirehosePutRecordCommand({ DeliveryStreamName: 'no-such-delivery-stream',
    Record: { Data: text(99) } }), firehose);
}

const deadline = setTimeout(() => {
  console.error('scenario timed out');
  process.exit(2);
}, 90_000);
try {
  await write();
  const readArn = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: readStream })))
    .StreamDescriptionSummary.StreamARN;
  const shards = await shardsOf(readStream);
  await readWithGetRecords(shards);
  await readWithSubscribeToShard(shards, readArn);
  await errors();
  await deliver();
  process.stdout.write(JSON.stringify(out) + '\n');
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
  kinesis.destroy();
  firehose.destroy();
}
