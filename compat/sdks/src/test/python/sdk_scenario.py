"""The AWS SDK for Python (boto3) as a client of Millrace (run by PythonSdkIT): AWS JSON 1.1 over HTTP/1.1 for
Kinesis and Firehose, and SubscribeToShard's event stream over HTTP/1.1 too.

Usage: python3 sdk_scenario.py ENDPOINT WRITE_STREAM READ_STREAM DELIVERY_STREAM BUCKET
  (signing with the credentials in SCENARIO_ACCESS_KEY_ID and SCENARIO_SECRET_ACCESS_KEY)
  WRITE_STREAM:    created here (2 shards) and written with PutRecords and PutRecord;
  READ_STREAM:     written by the Java test before; read here with GetRecords and SubscribeToShard;
  DELIVERY_STREAM: a Firehose stream created here (DirectPut, to S3 bucket BUCKET, unbuffered) and written with
                   PutRecord and PutRecordBatch.
Prints one JSON object of what it saw on stdout, in the same form as sdk-scenario.mjs; the Java test judges it.
Exits 1 on any unexpected failure.
"""
import base64
import json
import os
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, write_stream, read_stream, delivery_stream, bucket = sys.argv[1:6]
settings = dict(endpoint_url=endpoint, region_name='us-east-1',
                aws_access_key_id=os.environ['SCENARIO_ACCESS_KEY_ID'],
                aws_secret_access_key=os.environ['SCENARIO_SECRET_ACCESS_KEY'],
                config=Config(retries={'total_max_attempts': 1}, read_timeout=30, connect_timeout=5))
kinesis = boto3.client('kinesis', **settings)
# Debian 12's botocore (1.29) still has the old 60-second minimum of BufferingHints.IntervalInSeconds; the service and
# its current model accept 0, so this client leaves the checking to the server.
firehose = boto3.client('firehose', **dict(settings, config=settings['config'].merge(
    Config(parameter_validation=False))))
out = {'puts': [], 'getRecords': {}, 'subscribed': {}, 'errors': {}, 'listShardsPages': 0, 'firehose': {}}


def b64(data):
    return base64.b64encode(data).decode('ascii')


def failure(call, **kwargs):
    try:
        call(**kwargs)
        return {'name': 'none'}
    except ClientError as e:
        return {'name': e.response['Error']['Code'], 'message': e.response['Error']['Message'],
                'status': e.response['ResponseMetadata']['HTTPStatusCode']}


def write():
    kinesis.create_stream(StreamName=write_stream, ShardCount=2)
    kinesis.get_waiter('stream_exists').wait(StreamName=write_stream, WaiterConfig={'Delay': 1, 'MaxAttempts': 30})
    # Lengths from 1 byte to 4 KiB, every byte value among them.
    records = [{'Data': bytes(((k * 29 + i) & 0xff) for k in range(4096 if i == 39 else 1 + i * 5)),
                'PartitionKey': 'py-%d-\u00f8\u65e5' % i} for i in range(40)]
    answer = kinesis.put_records(StreamName=write_stream, Records=records)
    if answer['FailedRecordCount'] != 0:
        raise RuntimeError('PutRecords failed %d records' % answer['FailedRecordCount'])
    for record, entry in zip(records, answer['Records']):
        out['puts'].append({'data': b64(record['Data']), 'partitionKey': record['PartitionKey'],
                            'sequenceNumber': entry['SequenceNumber'], 'shardId': entry['ShardId']})
    # Hash key 0 is the first shard's; the ordering number is the last one that shard gave.
    previous = [put for put in out['puts'] if put['shardId'] == 'shardId-000000000000'][-1]
    one = {'Data': bytes([0, 255, 128]), 'PartitionKey': 'explicit', 'ExplicitHashKey': '0'}
    single = kinesis.put_record(StreamName=write_stream, SequenceNumberForOrdering=previous['sequenceNumber'], **one)
    out['puts'].append({'data': b64(one['Data']), 'partitionKey': one['PartitionKey'],
                        'sequenceNumber': single['SequenceNumber'], 'shardId': single['ShardId']})


def shards_of(stream):
    shards = []
    page = kinesis.list_shards(StreamName=stream, MaxResults=1)
    while True:
        out['listShardsPages'] += 1
        shards.extend(page['Shards'])
        if not page.get('NextToken'):
            return shards
        page = kinesis.list_shards(NextToken=page['NextToken'], MaxResults=1)


def seen(record):
    return {'data': b64(record['Data']), 'partitionKey': record['PartitionKey'],
            'sequenceNumber': record['SequenceNumber'],
            'arrivalMs': round(record['ApproximateArrivalTimestamp'].timestamp() * 1000)}


def read_with_get_records(shards):
    for shard in shards:
        records = []
        iterator = kinesis.get_shard_iterator(StreamName=read_stream, ShardId=shard['ShardId'],
                                              ShardIteratorType='TRIM_HORIZON')['ShardIterator']
        while True:
            page = kinesis.get_records(ShardIterator=iterator, Limit=7)
            records.extend(seen(r) for r in page['Records'])
            if page['MillisBehindLatest'] == 0 and not page['Records']:
                break
            iterator = page['NextShardIterator']
        out['getRecords'][shard['ShardId']] = records


def read_with_subscribe_to_shard(shards, stream_arn):
    consumer = kinesis.register_stream_consumer(StreamARN=stream_arn, ConsumerName='python')['Consumer']
    while kinesis.describe_stream_consumer(ConsumerARN=consumer['ConsumerARN'])['ConsumerDescription'][
            'ConsumerStatus'] != 'ACTIVE':
        time.sleep(0.1)
    for shard in shards:
        wanted = len(out['getRecords'][shard['ShardId']])
        records = []
        subscription = kinesis.subscribe_to_shard(ConsumerARN=consumer['ConsumerARN'], ShardId=shard['ShardId'],
                                                  StartingPosition={'Type': 'TRIM_HORIZON'})['EventStream']
        try:
            for event in subscription:
                if 'SubscribeToShardEvent' not in event:
                    raise RuntimeError('unexpected event %r' % event)
                records.extend(seen(r) for r in event['SubscribeToShardEvent']['Records'])
                if len(records) >= wanted and event['SubscribeToShardEvent']['MillisBehindLatest'] == 0:
                    break
        finally:
            subscription.close()
        out['subscribed'][shard['ShardId']] = records


def errors():
    out['errors']['badIterator'] = failure(kinesis.get_records, ShardIterator='not-an-iterator')
    out['errors']['missingStream'] = failure(kinesis.describe_stream, StreamName='no-such-stream')
    out['errors']['duplicateStream'] = failure(kinesis.create_stream, StreamName=read_stream, ShardCount=1)
    out['errors']['badShard'] = failure(kinesis.get_shard_iterator, StreamName=read_stream,
                                        ShardId='shardId-000000000009', ShardIteratorType='LATEST')
    iterator = kinesis.get_shard_iterator(StreamName=read_stream, ShardId='shardId-000000000000',
                                          ShardIteratorType='LATEST')['ShardIterator']
    out['errors']['limitTooHigh'] = failure(kinesis.get_records, ShardIterator=iterator, Limit=10001)


def deliver():
    firehose.create_delivery_stream(
        DeliveryStreamName=delivery_stream, DeliveryStreamType='DirectPut',
        ExtendedS3DestinationConfiguration={
            'RoleARN': 'arn:aws:iam::000000000000:role/firehose', 'BucketARN': 'arn:aws:s3:::' + bucket,
            'BufferingHints': {'SizeInMBs': 1, 'IntervalInSeconds': 0}})
    while True:
        description = firehose.describe_delivery_stream(DeliveryStreamName=delivery_stream)['DeliveryStreamDescription']
        if description['DeliveryStreamStatus'] != 'CREATING':
            break
        time.sleep(0.1)
    out['firehose']['status'] = description['DeliveryStreamStatus']

    def text(i):
        return ('firehose record %d;' % i).encode('utf-8')
    single = firehose.put_record(DeliveryStreamName=delivery_stream, Record={'Data': text(0)})
    batch = firehose.put_record_batch(DeliveryStreamName=delivery_stream,
                                      Records=[{'Data': text(i + 1)} for i in range(20)])
    out['firehose']['failedPutCount'] = batch['FailedPutCount']
    out['firehose']['recordIds'] = [single['RecordId']] + [r['RecordId'] for r in batch['RequestResponses']]
    out['firehose']['missing'] = failure(firehose.put_record, DeliveryStreamName='no-such-delivery-stream',
                                         Record={'Data': text(99)})


def main():
    write()
    read_arn = kinesis.describe_stream_summary(StreamName=read_stream)['StreamDescriptionSummary']['StreamARN']
    shards = shards_of(read_stream)
    read_with_get_records(shards)
    read_with_subscribe_to_shard(shards, read_arn)
    errors()
    deliver()
    sys.stdout.write(json.dumps(out) + '\n')


if __name__ == '__main__':
    main()
