// The well-known calls of each interpreter that delete, truncate, write, start commands or
// signal processes, and the shell command each amounts to. A key is `module.name` (`shutil.rmtree`),
// a bare `name` (`system`, or a name imported on its own), or `*.name`: a method of any value
// (`Path("x").unlink()`). `needs` names a module the code must mention for a common method name
// to count (`exec` is child_process's only where the code requires it). Each entry carries
// examples, code and the shell command it amounts to, that test/shell/interpreters.test.ts runs
// (a package's name is quoted with backticks there, so the shipped code names no package it does not load).
import {type Derived, type Site, argv, command, evaluated, modeOf, opened, openedReceiver, signalArg, signalOf, text, write} from './amounts.js';
import type {Language, Part} from './lexer.js';

export interface Entry {
  calls: string[];
  needs?: string;
  /** Code that makes the call harmless wherever it is (a store kept in memory or in a local file, `QdrantClient(":memory:")`): the entry is skipped. */
  unless?: RegExp;
  amounts: (site: Site) => Derived[];
  examples(): Array<[code: string, amountsTo: string]>;
}

const rmrf = (site: Site, from = 0) => [argv('rm', '-rf', ...site.paths(from))];
const rm = (site: Site, from = 0) => [argv('rm', '-f', ...site.paths(from))];
const moved = (site: Site) => [argv('mv', site.path(0), site.path(1))];
const copied = (site: Site) => [argv('cp', '-r', site.path(0), site.path(1))];
const killed = (site: Site, signal: number, pids: number[]) => pids.map((at) => argv('kill', `-${signalOf(signalArg(site, signal))}`, site.arg(at)));

/** A method called on a path object (`Path("x").rename(…)`), not on a string or a list. */
const pathLike = (site: Site) => /^(?:Path|pathlib|PurePath|PosixPath|Pathname)$/.test(site.call.receiver[0]?.kind === 'name' ? site.call.receiver[0].text : '');


/** The first string a method's receiver names (`Bucket("logs")` in `s3.Bucket("logs").objects.all().delete()`). */
const receiverString = (site: Site): Part[] | undefined => {
  const found = site.call.receiver.find((token) => token.kind === 'str');
  return found?.kind === 'str' ? found.parts : undefined;
};

/** Argument 0, or the keyword argument that names the same (`delete_collection(collection_name="docs")`). */
const named = (site: Site, keyword: string): Part[] => (site.has(0) ? site.arg(0) : site.call.named.has(keyword) ? (site.literal(keyword) !== undefined ? text(site.literal(keyword)!) : [{kind: 'unknown', why: `${keyword} is computed when it runs`}]) : site.arg(0));

const receiverText = (site: Site) => site.call.receiver.map((token) => (token.kind === 'name' || token.kind === 'punct' ? token.text : '')).join('');

// A data store's client library running SQL, as its command-line client would run it: the SQL rules read it.
const sqlRun = (site: Site) => [argv('psql', '-c', site.arg(0))];
const sqlLibraries = ['psycopg', 'psycopg2', 'pymysql', 'MySQLdb', 'mysql.connector', 'sqlite3', 'pyodbc', 'cx_Oracle', 'oracledb', 'snowflake'];
const sqlEntries: Entry[] = sqlLibraries.map((library) => ({calls: ['*.execute', '*.executemany', '*.executescript'], needs: library, amounts: sqlRun, examples() {
  return [[`import ${library}; ${library}.connect("db").cursor().execute("DROP TABLE orders")`, "psql -c 'DROP TABLE orders'"]];
}}));

/** A Django management command given by name to call_command, as django-admin would run it. */
function djangoCommand(site: Site): Derived[] {
  const name = site.literal(0);
  if (name === undefined || !/^[\w-]+$/.test(name)) return [];
  const prompts = site.literal('interactive') === 'false' ? ['--noinput'] : [];
  return [argv('django-admin', name, ...site.rest(1), ...prompts)];
}

const python: Entry[] = [
  // Django's call_command runs a management command as manage.py would: `flush` without its prompt, `migrate APP zero`.
  {calls: ['call_command', 'management.call_command'], amounts: (site) => djangoCommand(site), examples() { return [['call_command("flush", interactive=False)', 'django-admin flush --noinput'], ['call_command("migrate", "orders", "zero")', 'django-admin migrate orders zero']]; }},
  {calls: ['shutil.rmtree', 'rmtree'], amounts: (site) => [argv('rm', '-rf', site.path(0))], examples() { return [['import shutil; shutil.rmtree("/srv/x")', 'rm -rf /srv/x'], ['shutil.rmtree("dist", ignore_errors=True)', 'rm -rf dist']]; }},
  {calls: ['os.remove', 'os.unlink', 'remove', 'unlink'], amounts: (site) => [argv('rm', site.path(0))], examples() { return [['os.remove("./app.pid")', 'rm ./app.pid'], ['os.unlink(os.path.join(os.environ["HOME"], "x"))', 'rm "${HOME}"/x']]; }},
  {calls: ['os.rmdir', 'os.removedirs'], amounts: (site) => [argv('rmdir', site.path(0))], examples() { return [['os.rmdir("/srv/empty")', 'rmdir /srv/empty']]; }},
  {calls: ['*.unlink', '*.rmdir'], amounts: (site) => [argv(site.call.name === 'unlink' ? 'rm' : 'rmdir', site.receiverPath())], examples() { return [['pathlib.Path("/etc/hosts").unlink()', 'rm /etc/hosts'], ['[p.unlink() for p in pathlib.Path("/usr/bin").iterdir()]', 'rm /usr/bin/*'], ['[p.unlink() for p in pathlib.Path("/usr/bin").rglob("*")]', 'rm "${unknown}"']]; }},
  {calls: ['*.rename', '*.replace', '*.chmod'], amounts: (site) => {
    if (!pathLike(site)) return [];
    return site.call.name === 'chmod' ? [argv('chmod', modeOf(site.literal(0)), site.receiverPath())] : [argv('mv', site.receiverPath(), site.path(0))];
  }, examples() { return [['Path("/etc/hosts").rename("/tmp/h")', 'mv /etc/hosts /tmp/h'], ['pathlib.Path("/etc/shadow").chmod(0o666)', 'chmod 666 /etc/shadow']]; }},
  {calls: ['asyncio.create_subprocess_shell'], amounts: (site) => [{kind: 'shell', code: site.arg(0)}], examples() { return [['asyncio.run(asyncio.create_subprocess_shell("reboot"))', 'reboot']]; }},
  {calls: ['asyncio.create_subprocess_exec'], amounts: (site) => [{kind: 'argv', words: site.rest(0)}], examples() { return [['asyncio.create_subprocess_exec("rm", "-rf", "/")', 'rm -rf /']]; }},
  {calls: ['*.write_text', '*.write_bytes'], amounts: (site) => [write(site.receiverPath(), false, site.literal(0))], examples() { return [['Path("/etc/motd").write_text("hi")', "printf %s 'hi' > /etc/motd"]]; }},
  {calls: ['*.read_text', '*.read_bytes'], amounts: (site) => [{kind: 'read', target: site.receiverPath()}], examples() { return [['Path("/etc/shadow").read_text()', 'cat /etc/shadow']]; }},
  {calls: ['open', 'io.open', 'codecs.open', 'os.open'], amounts: (site) => (site.call.qualifier === 'os' ? opened(site.path(0), site.literal(1)?.includes('O_TRUNC') ? 'w' : site.has(1) ? 'a' : undefined) : opened(site.path(0), site.literal(1) ?? site.literal('mode'))), examples() { return [['open("/etc/passwd", "w").close()', ': > /etc/passwd'], ['open("./log.txt", "a").write("x")', ': >> ./log.txt'], ['print(open("/etc/hostname").read())', 'cat /etc/hostname']]; }},
  {calls: ['*.open'], amounts: (site) => (pathLike(site) ? opened(site.receiverPath(), site.literal(0) ?? site.literal('mode')) : []), examples() { return [['Path("/etc/hosts").open("w")', ': > /etc/hosts']]; }},
  // What `open(PATH, "w").write(TEXT)` writes, when it is literal text: the rules that read what a file is given see it.
  {calls: ['*.write'], amounts: (site) => {
    const file = openedReceiver(site);
    const content = site.literal(0);
    return file?.mode !== undefined && /[wxa+]/.test(file.mode) && content !== undefined ? [write(file.path, !/[wx]/.test(file.mode), content)] : [];
  }, examples() { return [['open("/proc/sys/kernel/randomize_va_space", "w").write("0")', "printf %s '0' > /proc/sys/kernel/randomize_va_space"], ['open("./log.txt", "a").write("done")', "printf %s 'done' >> ./log.txt"]]; }},
  {calls: ['shutil.move', 'os.rename', 'os.replace', 'os.renames'], amounts: moved, examples() { return [['os.rename("/etc/hosts", "/tmp/h")', 'mv /etc/hosts /tmp/h']]; }},
  {calls: ['shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree'], amounts: copied, examples() { return [['shutil.copy("./x", "/usr/bin/x")', 'cp -r ./x /usr/bin/x']]; }},
  {calls: ['os.truncate'], amounts: (site) => [argv('truncate', '-s', site.arg(1), site.path(0))], examples() { return [['os.truncate("/etc/hosts", 0)', 'truncate -s 0 /etc/hosts']]; }},
  {calls: ['os.chmod', 'os.lchmod'], amounts: (site) => [argv('chmod', modeOf(site.literal(1)), site.path(0))], examples() { return [['os.chmod("/etc/shadow", 0o777)', 'chmod 777 /etc/shadow']]; }},
  {calls: ['os.chown', 'os.lchown', 'shutil.chown'], amounts: (site) => [argv('chown', [...site.arg(1), ...text(':'), ...site.arg(2)], site.path(0))], examples() { return [['os.chown("/etc/sudoers", 1000, 1000)', 'chown 1000:1000 /etc/sudoers']]; }},
  {calls: ['os.kill'], amounts: (site) => killed(site, 1, [0]), examples() { return [['os.kill(-1, 9)', 'kill -9 -1'], ['os.kill(-1, signal.SIGKILL)', 'kill -KILL -1']]; }},
  {calls: ['os.killpg'], amounts: (site) => [argv('kill', `-${signalOf(signalArg(site, 1))}`, [...text('-'), ...site.arg(0)])], examples() { return [['os.killpg(1, 9)', 'kill -9 -1']]; }},
  {calls: ['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput', 'system'], amounts: (site) => [{kind: 'shell', code: site.arg(0)}], examples() { return [['os.system("rm -rf ~")', 'rm -rf ~'], ['__import__("os").system("reboot")', 'reboot']]; }},
  {calls: ['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen', 'run', 'call', 'check_call', 'check_output', 'Popen'], needs: 'subprocess', amounts: (site) => command(site), examples() { return [['subprocess.run(["rm", "-rf", "/etc"])', 'rm -rf /etc'], ['subprocess.call("rm -rf ~", shell=True)', 'rm -rf ~']]; }},
  {calls: ['os.execv', 'os.execve', 'os.execvp', 'os.execvpe', 'os.spawnv', 'os.spawnve', 'os.spawnvp', 'os.spawnvpe', 'os.posix_spawn', 'os.posix_spawnp'], amounts: (site) => {
    const at = site.call.name.startsWith('spawn') ? 1 : 0;
    return [{kind: 'argv', words: [site.arg(at), ...(site.list(at + 1)?.slice(1) ?? [])]}];
  }, examples() { return [['os.execvp("rm", ["rm", "-rf", "/"])', 'rm -rf /']]; }},
  {calls: ['os.execl', 'os.execle', 'os.execlp', 'os.execlpe', 'os.spawnl', 'os.spawnle', 'os.spawnlp', 'os.spawnlpe'], amounts: (site) => {
    const at = site.call.name.startsWith('spawn') ? 1 : 0;
    return [{kind: 'argv', words: [site.arg(at), ...site.rest(at + 2)]}];
  }, examples() { return [['os.execl("/bin/rm", "rm", "-rf", "/")', '/bin/rm -rf /']]; }},
  {calls: ['pty.spawn'], amounts: (site) => command(site), examples() { return [['pty.spawn(["rm", "-rf", "/"])', 'rm -rf /']]; }},
  {calls: ['exec', 'eval'], amounts: evaluated, examples() { return [['exec("import os; os.remove(\'/etc/hosts\')")', 'rm /etc/hosts']]; }},
  // SQL a Spark session runs, as spark-sql would; a BigQuery dataset deleted with its tables, as bq rm would.
  {calls: ['*.sql'], needs: 'pyspark', amounts: (site) => [argv('spark-sql', '-e', site.arg(0))], examples() { return [['from pyspark.sql import SparkSession; SparkSession.builder.getOrCreate().sql("DROP DATABASE prod CASCADE")', "spark-sql -e 'DROP DATABASE prod CASCADE'"]]; }},
  {calls: ['*.delete_dataset'], needs: 'bigquery', amounts: (site) => [argv('bq', 'rm', ...(site.literal('delete_contents') === 'true' ? ['-r'] : []), '-f', '-d', site.arg(0))], examples() { return [['from google.cloud import bigquery; bigquery.Client().delete_dataset("p.analytics", delete_contents=True)', 'bq rm -r -f -d p.analytics']]; }},
  // An HTTP request that changes something, as the curl that sends it: the rules read its URL and method.
  {calls: ['requests.delete', 'requests.post', 'requests.put', 'requests.patch', 'httpx.delete', 'httpx.post', 'httpx.put', 'httpx.patch'], amounts: (site) => [argv('curl', '-X', site.call.name.toUpperCase(), site.arg(0))], examples() { return [['import requests; requests.delete("http://localhost:9200/_all")', 'curl -X DELETE http://localhost:9200/_all']]; }},
  {calls: ['requests.request', 'httpx.request'], amounts: (site) => {
    const method = site.literal(0) ?? site.literal('method');
    return method ? [argv('curl', '-X', method.toUpperCase(), site.arg(1))] : [];
  }, examples() { return [['import requests; requests.request("DELETE", "http://es:9200/logs-2024.05")', 'curl -X DELETE http://es:9200/logs-2024.05']]; }},
  ...sqlEntries,
  {calls: ['*.flushall', '*.flushdb'], needs: 'redis', amounts: (site) => [argv('redis-cli', site.call.name.toUpperCase())], examples() { return [['import redis; redis.Redis(host="c1").flushall()', 'redis-cli FLUSHALL']]; }},
  {calls: ['*.drop_database'], needs: 'pymongo', amounts: () => [argv('mongosh', '--eval', 'db.dropDatabase()')], examples() { return [['from pymongo import MongoClient; MongoClient("mongodb://m1").drop_database("shop")', "mongosh --eval 'db.dropDatabase()'"]]; }},
  {calls: ['*.delete_namespace'], needs: 'kubernetes', amounts: (site) => [argv('kubectl', 'delete', 'namespace', site.arg(0))], examples() { return [['from kubernetes import client; client.CoreV1Api().delete_namespace("production")', 'kubectl delete namespace production']]; }},
  {calls: ['*.exec_command'], needs: 'paramiko', amounts: (site) => [{kind: 'shell', code: site.arg(0)}], examples() { return [['import paramiko; c = paramiko.SSHClient(); c.exec_command("sudo rm -rf /var/www")', 'sudo rm -rf /var/www']]; }},
  {calls: ['*.delete_table'], needs: 'boto3', amounts: (site) => [argv('aws', 'dynamodb', 'delete-table', '--table-name', site.literal('TableName') ?? site.arg(0))], examples() { return [['import boto3; boto3.client("dynamodb").delete_table(TableName="orders")', 'aws dynamodb delete-table --table-name orders']]; }},
  // Brokers' clients, as their CLIs: a queue deleted or purged, topics deleted, a stream trimmed to nothing.
  {calls: ['*.queue_delete', '*.queue_purge'], needs: 'pika', amounts: (site) => [argv('rabbitmqadmin', site.call.name === 'queue_purge' ? 'purge' : 'delete', 'queue', [...text('name='), ...(site.literal('queue') !== undefined ? text(site.literal('queue')!) : site.arg(0))])], examples() { return [['import pika; pika.BlockingConnection().channel().queue_delete(queue="orders")', 'rabbitmqadmin delete queue name=orders']]; }},
  ...['confluent_kafka', 'kafka'].map((library): Entry => ({calls: ['*.delete_topics'], needs: library, amounts: () => [argv('kafka-topics', '--delete', '--topic', 'TOPICS')], examples() { return [[`from ${library}.admin import AdminClient; AdminClient({}).delete_topics(["orders"])`, 'kafka-topics --delete --topic TOPICS']]; }})),
  {calls: ['*.purge_queue', '*.delete_queue'], needs: 'boto3', amounts: (site) => [argv('aws', 'sqs', site.call.name === 'purge_queue' ? 'purge-queue' : 'delete-queue', '--queue-url', site.literal('QueueUrl') ?? site.arg(0))], examples() { return [['import boto3; boto3.client("sqs").purge_queue(QueueUrl="https://sqs.us-east-1.amazonaws.com/1/orders")', 'aws sqs purge-queue --queue-url https://sqs.us-east-1.amazonaws.com/1/orders']]; }},
  {calls: ['*.xtrim'], needs: 'redis', amounts: (site) => (site.literal('maxlen') === '0' || site.literal(1) === '0' ? [argv('redis-cli', 'XTRIM', site.arg(0), 'MAXLEN', '0')] : []), examples() { return [['import redis; redis.Redis().xtrim("orders", maxlen=0)', 'redis-cli XTRIM orders MAXLEN 0']]; }},
  {calls: ['*.delete_repository'], needs: 'boto3', amounts: (site) => [argv('aws', 'ecr', 'delete-repository', '--repository-name', site.literal('repositoryName') ?? site.arg(0), ...(site.literal('force') === 'true' ? ['--force'] : []))], examples() { return [['import boto3; boto3.client("ecr").delete_repository(repositoryName="api", force=True)', 'aws ecr delete-repository --repository-name api --force']]; }},
  {calls: ['*.delete_bucket'], needs: 'boto3', amounts: (site) => [argv('aws', 's3api', 'delete-bucket', '--bucket', site.literal('Bucket') ?? site.arg(0))], examples() { return [['import boto3; boto3.client("s3").delete_bucket(Bucket="prod-logs")', 'aws s3api delete-bucket --bucket prod-logs']]; }},
  // boto3's `Bucket(NAME).objects.all().delete()` empties the bucket; google-cloud-storage's `bucket(NAME).delete()` deletes it.
  {calls: ['*.delete'], needs: 'boto3', amounts: (site) => (/(?:^|\.)(?:objects|object_versions)(?:\.all\(\))?$/.test(receiverText(site)) ? [argv('aws', 's3', 'rm', '--recursive', [...text('s3://'), ...(receiverString(site) ?? [{kind: 'unknown', why: 'the bucket is named earlier in the chain'}])])] : []), examples() { return [['import boto3; boto3.resource("s3").Bucket("prod-logs").objects.all().delete()', 'aws s3 rm --recursive s3://"${unknown}"']]; }},
  {calls: ['*.delete'], needs: 'google.cloud', amounts: (site) => (/(?:^|\.)(?:get_)?bucket\(/i.test(receiverText(site)) && !/\bblob\(/i.test(receiverText(site)) ? [argv('gsutil', 'rb', [...text('gs://'), ...(receiverString(site) ?? [{kind: 'unknown', why: 'the bucket is named earlier in the chain'}])])] : []), examples() { return [['from google.cloud import storage; storage.Client().bucket("nightly").delete(force=True)', 'gsutil rb gs://nightly']]; }},
  {calls: ['*.begin_delete', '*.delete'], needs: 'azure.mgmt.resource', amounts: (site) => (/resource_groups/.test(receiverText(site)) ? [argv('az', 'group', 'delete', '--name', site.arg(0))] : []), examples() { return [['from azure.mgmt.resource import ResourceManagementClient; c.resource_groups.begin_delete("rg-prod")', 'az group delete --name rg-prod']]; }},
  // Vector stores' clients, as the HTTP calls their servers take (db.http-delete reads them): a collection, a class, an index, every vector.
  {calls: ['*.delete_collection', '*.recreate_collection'], needs: 'qdrant_client', unless: /["']:memory:["']|QdrantClient\(\s*path\s*=/, amounts: (site) => [argv('curl', '-X', 'DELETE', [...text('http://qdrant/collections/'), ...named(site, 'collection_name')])], examples() { return [['from qdrant_client import QdrantClient; QdrantClient(url="http://q:6333").delete_collection("docs")', 'curl -X DELETE http://qdrant/collections/docs']]; }},
  {calls: ['*.drop_collection', '*.drop_database'], needs: 'pymilvus', unless: /MilvusClient\(\s*(?:uri\s*=\s*)?["'][^"':]*\.db["']/, amounts: () => [argv('curl', '-X', 'POST', 'http://milvus/v2/vectordb/collections/drop')], examples() { return [['from pymilvus import utility; utility.drop_collection("products")', 'curl -X POST http://milvus/v2/vectordb/collections/drop']]; }},
  {calls: ['*.delete_collection'], needs: 'chromadb', unless: /EphemeralClient|PersistentClient/, amounts: (site) => [argv('curl', '-X', 'DELETE', [...text('http://chroma/api/v1/collections/'), ...named(site, 'name')])], examples() { return [['import chromadb; chromadb.HttpClient(host="c").delete_collection("docs")', 'curl -X DELETE http://chroma/api/v1/collections/docs']]; }},
  // Chroma resets only a server whose client says `allow_reset=True`; any other `.reset()` (a progress bar's) is not it.
  {calls: ['*.reset'], needs: 'allow_reset', unless: /EphemeralClient|PersistentClient/, amounts: () => [argv('curl', '-X', 'POST', 'http://chroma/api/v1/reset')], examples() { return [['import chromadb; chromadb.HttpClient(host="c", settings=Settings(allow_reset=True)).reset()', 'curl -X POST http://chroma/api/v1/reset']]; }},
  {calls: ['*.delete_all', '*.delete_class', '*.delete'], needs: 'weaviate', amounts: (site) => (site.call.name === 'delete' && !/(?:^|\.)collections$/.test(receiverText(site)) ? [] : [argv('curl', '-X', 'DELETE', [...text('http://weaviate/v1/schema/'), ...(site.call.name === 'delete_all' ? text('ALL') : site.arg(0))])]), examples() { return [['import weaviate; c = weaviate.connect_to_local(); c.collections.delete_all()', 'curl -X DELETE http://weaviate/v1/schema/ALL']]; }},
  {calls: ['*.delete_index'], needs: 'pinecone', amounts: (site) => [argv('curl', '-X', 'DELETE', [...text('https://api.pinecone.io/indexes/'), ...named(site, 'name')])], examples() { return [['from pinecone import Pinecone; Pinecone().delete_index("prod")', 'curl -X DELETE https://api.pinecone.io/indexes/prod']]; }},
  {calls: ['*.delete'], needs: 'pinecone', amounts: (site) => (site.literal('delete_all') === 'true' ? [argv('curl', '-X', 'POST', 'https://index/vectors/delete', '-d', '{"deleteAll": true}')] : []), examples() { return [['from pinecone import Pinecone; Pinecone().Index("prod").delete(delete_all=True, namespace="a")', `curl -X POST https://index/vectors/delete -d '{"deleteAll": true}'`]]; }},
  {calls: ['*.dropindex'], needs: 'redis', amounts: (site) => (site.literal('delete_documents') === 'true' || site.literal(0) === 'true' ? [argv('redis-cli', 'FT.DROPINDEX', receiverString(site) ?? [{kind: 'unknown', why: 'the index is named earlier in the chain'}], 'DD')] : []), examples() { return [['import redis; redis.Redis().ft("idx:docs").dropindex(delete_documents=True)', 'redis-cli FT.DROPINDEX idx:docs DD']]; }},
  // Hubs and registries of models and experiments, as their CLIs.
  {calls: ['*.delete_repo'], needs: 'huggingface_hub', amounts: (site) => [argv('hf', 'repo', 'delete', named(site, 'repo_id'))], examples() { return [['from huggingface_hub import HfApi; HfApi().delete_repo(repo_id="acme/model")', 'hf repo delete acme/model']]; }},
  {calls: ['*.delete_experiment'], needs: 'mlflow', amounts: (site) => [argv('mlflow', 'experiments', 'delete', '--experiment-id', named(site, 'experiment_id'))], examples() { return [['from mlflow import MlflowClient; MlflowClient().delete_experiment("17")', 'mlflow experiments delete --experiment-id 17']]; }},
  {calls: ['*.delete_registered_model'], needs: 'mlflow', amounts: () => [argv('curl', '-X', 'DELETE', 'http://mlflow/api/2.0/mlflow/registered-models/delete')], examples() { return [['from mlflow import MlflowClient; MlflowClient().delete_registered_model(name="churn")', 'curl -X DELETE http://mlflow/api/2.0/mlflow/registered-models/delete']]; }},
  {calls: ['urllib.request.Request', 'request.Request', 'Request'], needs: 'urllib', amounts: (site) => {
    const method = site.literal('method');
    return [argv('curl', ...(method ? ['-X', method.toUpperCase()] : []), site.arg(0))];
  }, examples() { return [['import urllib.request as r; r.urlopen(r.Request("http://es:9200/_all", method="DELETE"))', 'curl -X DELETE http://es:9200/_all']]; }},
];

const perl: Entry[] = [
  {calls: ['system', 'exec'], amounts: (site) => command(site), examples() { return [['system("rm -rf " . $ENV{HOME})', 'rm -rf ${HOME}'], ['exec "rm", "-rf", "/"', 'rm -rf /']]; }},
  {calls: ['unlink'], amounts: (site) => rm(site), examples() { return [['unlink "/etc/passwd"', 'rm -f /etc/passwd'], ['unlink("./a.pid")', 'rm -f ./a.pid'], ['unlink glob("*.bak")', 'rm -f *.bak']]; }},
  {calls: ['rmdir'], amounts: (site) => [argv('rmdir', site.path(0))], examples() { return [['rmdir "/srv/x"', 'rmdir /srv/x']]; }},
  {calls: ['remove_tree', 'rmtree', 'Path.rmtree', 'Path.remove_tree'], amounts: (site) => rmrf(site), examples() { return [['remove_tree("/var")', 'rm -rf /var'], ['remove_tree("/tmp/x", {verbose => 1})', 'rm -rf /tmp/x'], ['rmtree(qw(/usr ./build))', 'rm -rf /usr ./build']]; }},
  {calls: ['open'], amounts: (site) => {
    const mode = site.literal(1);
    if (site.call.args.length >= 3) {
      if (mode === '|-' || mode === '-|') return command(site, 2);
      return opened(site.path(2), mode === undefined ? 'w' : /^\+?>>/.test(mode) ? 'a' : /^\+?>/.test(mode) ? 'w' : mode.startsWith('+<') ? 'a' : undefined);
    }

    const spec = site.arg(1);
    const first = spec[0];
    if (first?.kind !== 'text') return spec.length > 0 ? [write(spec, true)] : [];
    const lead = /^\s*(\+?>>|\+?>|\+?<|\|)?\s*/.exec(first.text)![0];
    const rest = [{kind: 'text' as const, text: first.text.slice(lead.length)}, ...spec.slice(1)];
    if (lead.includes('|')) return [{kind: 'shell', code: rest}];
    const last = spec.at(-1);
    if (last?.kind === 'text' && /\|\s*$/.test(last.text)) return [{kind: 'shell', code: [...spec.slice(0, -1), {kind: 'text', text: last.text.replace(/\|\s*$/, '')}]}];
    return opened(rest, lead.includes('>>') ? 'a' : lead.includes('>') ? 'w' : lead.includes('+') ? 'a' : undefined);
  }, examples() { return [['open(my $f, ">", "/etc/hosts")', ': > /etc/hosts'], ['open(F, ">>/etc/sudoers")', ': >> /etc/sudoers'], ['open(P, "rm -rf / |")', 'rm -rf / ']]; }},
  {calls: ['rename', 'move', 'mv', 'Copy.move'], amounts: moved, examples() { return [['rename "/etc/hosts", "/tmp/h"', 'mv /etc/hosts /tmp/h']]; }},
  {calls: ['copy', 'cp', 'Copy.copy'], amounts: copied, examples() { return [['copy("./x", "/usr/bin/x")', 'cp -r ./x /usr/bin/x']]; }},
  {calls: ['truncate'], amounts: (site) => [argv('truncate', '-s', site.arg(1), site.path(0))], examples() { return [['truncate "/etc/hosts", 0', 'truncate -s 0 /etc/hosts']]; }},
  {calls: ['chmod'], amounts: (site) => site.rest(1).map((path) => argv('chmod', modeOf(site.literal(0)), path)), examples() { return [['chmod 0777, "/etc/shadow"', 'chmod 777 /etc/shadow']]; }},
  {calls: ['kill'], amounts: (site) => site.call.args.slice(1).map((_, k) => argv('kill', `-${signalOf(signalArg(site, 0))}`, site.arg(k + 1))), examples() { return [['kill 9, -1', 'kill -9 -1'], ["kill 'KILL', -1", 'kill -KILL -1']]; }},
  {calls: ['*.do', '*.selectall_arrayref', '*.prepare'], needs: 'DBI', amounts: sqlRun, examples() { return [['use DBI; DBI->connect("dbi:Pg:dbname=app")->do("DROP SCHEMA public CASCADE")', "psql -c 'DROP SCHEMA public CASCADE'"]]; }},
  {calls: ['*.delete'], needs: 'LWP', amounts: (site) => [argv('curl', '-X', 'DELETE', site.arg(0))], examples() { return [['use LWP::UserAgent; LWP::UserAgent->new->delete("https://api.example.com/v1/servers/4711")', 'curl -X DELETE https://api.example.com/v1/servers/4711']]; }},
  {calls: ['eval'], amounts: (site) => (site.call.args[0]?.[0]?.kind === 'punct' ? [] : evaluated(site)), examples() { return [['eval "unlink q(/etc/hosts)"', 'rm -f /etc/hosts']]; }},
];

const ruby: Entry[] = [
  {calls: ['system', 'exec', 'spawn', 'Process.spawn', 'Kernel.system', 'Kernel.exec', 'IO.popen', 'Open3.capture2', 'Open3.capture2e', 'Open3.capture3', 'Open3.popen2', 'Open3.popen2e', 'Open3.popen3'], amounts: (site) => command(site), examples() { return [['system("rm -rf ~")', 'rm -rf ~'], ['system "rm", "-rf", "/"', 'rm -rf /']]; }},
  {calls: ['FileUtils.rm_rf', 'FileUtils.rm_r', 'FileUtils.rmtree', 'FileUtils.remove_dir', 'FileUtils.remove_entry', 'FileUtils.remove_entry_secure', 'rm_rf', 'rm_r', 'rmtree'], amounts: (site) => rmrf(site), examples() { return [['FileUtils.rm_rf(Dir.home)', 'rm -rf "${HOME}"'], ['FileUtils.rm_rf("./tmp/cache")', 'rm -rf ./tmp/cache'], ['FileUtils.rm_rf(Dir.glob("/var/*"))', 'rm -rf /var/*'], ['FileUtils.rm_rf(%w[tmp/cache coverage])', 'rm -rf tmp/cache coverage']]; }},
  {calls: ['FileUtils.rm', 'FileUtils.rm_f', 'FileUtils.remove', 'FileUtils.remove_file', 'FileUtils.safe_unlink', 'File.delete', 'File.unlink', 'rm_f'], amounts: (site) => rm(site), examples() { return [['File.delete("/etc/passwd")', 'rm -f /etc/passwd']]; }},
  {calls: ['*.rmtree'], amounts: (site) => (pathLike(site) ? [argv('rm', '-rf', site.receiverPath())] : []), examples() { return [['Pathname.new("/srv").rmtree', 'rm -rf /srv']]; }},
  {calls: ['FileUtils.rmdir', 'Dir.delete', 'Dir.rmdir', 'Dir.unlink'], amounts: (site) => site.rest(0).map((path) => argv('rmdir', path)), examples() { return [['Dir.rmdir("/srv/x")', 'rmdir /srv/x']]; }},
  {calls: ['File.write', 'IO.write', 'File.binwrite', 'IO.binwrite'], amounts: (site) => [write(site.path(0), site.option(2, 'mode')?.includes('a') ?? false, site.literal(1))], examples() { return [['File.write("/etc/hosts", "")', "printf %s '' > /etc/hosts"]]; }},
  {calls: ['File.read', 'IO.read', 'File.binread', 'IO.binread', 'File.readlines', 'IO.readlines'], amounts: (site) => [{kind: 'read', target: site.path(0)}], examples() { return [['File.read("/etc/shadow")', 'cat /etc/shadow']]; }},
  {calls: ['File.open', 'File.new', 'IO.sysopen'], amounts: (site) => opened(site.path(0), site.literal(1)), examples() { return [['File.open("/etc/hosts", "w") { |f| f.puts "x" }', ': > /etc/hosts']]; }},
  {calls: ['File.truncate'], amounts: (site) => [argv('truncate', '-s', site.arg(1), site.path(0))], examples() { return [['File.truncate("/etc/hosts", 0)', 'truncate -s 0 /etc/hosts']]; }},
  {calls: ['FileUtils.mv', 'FileUtils.move', 'File.rename'], amounts: moved, examples() { return [['File.rename("/etc/hosts", "/tmp/h")', 'mv /etc/hosts /tmp/h']]; }},
  {calls: ['FileUtils.cp', 'FileUtils.cp_r', 'FileUtils.copy', 'FileUtils.install', 'IO.copy_stream'], amounts: copied, examples() { return [['FileUtils.cp("./x", "/usr/bin/x")', 'cp -r ./x /usr/bin/x']]; }},
  {calls: ['File.chmod', 'FileUtils.chmod', 'FileUtils.chmod_R'], amounts: (site) => site.rest(1).map((path) => argv('chmod', ...(site.call.name === 'chmod_R' ? ['-R'] : []), modeOf(site.literal(0)), path)), examples() { return [['File.chmod(0777, "/etc/shadow")', 'chmod 777 /etc/shadow']]; }},
  {calls: ['Process.kill'], amounts: (site) => site.call.args.slice(1).map((_, k) => argv('kill', `-${signalOf(signalArg(site, 0))}`, site.arg(k + 1))), examples() { return [['Process.kill(9, -1)', 'kill -9 -1'], ['Process.kill("KILL", -1)', 'kill -KILL -1']]; }},
  {calls: ['*.flushall', '*.flushdb'], needs: 'redis', amounts: (site) => [argv('redis-cli', site.call.name.toUpperCase())], examples() { return [['require "redis"; Redis.new(url: "redis://c1").flushdb', 'redis-cli FLUSHDB']]; }},
  // The pg gem's exec, and mysql2's query: the SQL rules read the statement.
  // Its class `PG` names it too, where `ruby -rpg` required it on the command line.
  ...['pg', 'PG'].map((library): Entry => ({calls: ['*.exec', '*.exec_params', '*.async_exec'], needs: library, amounts: sqlRun, examples() { return [[`${library === 'pg' ? 'require "pg"; ' : ''}PG.connect(dbname: "shop").exec("DROP TABLE orders")`, "psql -c 'DROP TABLE orders'"]]; }})),
  {calls: ['*.query'], needs: 'mysql2', amounts: sqlRun, examples() { return [['require "mysql2"; Mysql2::Client.new.query("DROP TABLE orders")', "psql -c 'DROP TABLE orders'"]]; }},
  {calls: ['*.exec', '*.execute', '*.query'], needs: 'pg', amounts: sqlRun, examples() { return [['require "pg"; PG.connect(dbname: "app").exec("DROP TABLE orders")', "psql -c 'DROP TABLE orders'"]]; }},
  {calls: ['eval', 'Kernel.eval', 'instance_eval', 'class_eval', 'module_eval'], amounts: evaluated, examples() { return [['eval("File.delete(%q(/etc/hosts))")', 'rm -f /etc/hosts']]; }},
];

const recursive = (site: Site) => site.option(1, 'recursive') === 'true';
const node: Entry[] = [
  {calls: ['*.rmSync', 'rmSync', '*.rm'], needs: 'fs', amounts: (site) => [argv('rm', ...(recursive(site) ? ['-r'] : []), ...(site.option(1, 'force') === 'true' ? ['-f'] : []), site.path(0))], examples() { return [['require("fs").rmSync("/", {recursive: true, force: true})', 'rm -r -f /'], ['fs.rmSync("dist", {recursive: true})', 'rm -r dist']]; }},
  {calls: ['*.rmdirSync', 'rmdirSync', '*.rmdir'], needs: 'fs', amounts: (site) => [recursive(site) ? argv('rm', '-rf', site.path(0)) : argv('rmdir', site.path(0))], examples() { return [['fs.rmdirSync("/srv/x", {recursive: true})', 'rm -rf /srv/x']]; }},
  {calls: ['*.unlinkSync', 'unlinkSync', '*.unlink'], needs: 'fs', amounts: (site) => [argv('rm', site.path(0))], examples() { return [['require("fs").unlinkSync("/etc/passwd")', 'rm /etc/passwd']]; }},
  {calls: ['*.writeFileSync', 'writeFileSync', '*.writeFile', '*.createWriteStream', 'createWriteStream'], needs: 'fs', amounts: (site) => [write(site.path(0), (site.option(site.call.name === 'createWriteStream' ? 1 : 2, 'flag') ?? site.option(1, 'flags') ?? '').startsWith('a'), site.call.name.endsWith('createWriteStream') ? undefined : site.literal(1))], examples() { return [['require("fs").writeFileSync("/etc/hosts", "")', "printf %s '' > /etc/hosts"]]; }},
  {calls: ['*.readFileSync', 'readFileSync', '*.readFile', 'readFile', '*.createReadStream', 'createReadStream'], needs: 'fs', amounts: (site) => [{kind: 'read', target: site.path(0)}], examples() { return [['require("fs").readFileSync("/etc/shadow")', 'cat /etc/shadow']]; }},
  {calls: ['*.appendFileSync', 'appendFileSync', '*.appendFile'], needs: 'fs', amounts: (site) => [write(site.path(0), true)], examples() { return [['fs.appendFileSync("/etc/sudoers", "x")', ': >> /etc/sudoers']]; }},
  {calls: ['*.openSync', 'openSync'], needs: 'fs', amounts: (site) => opened(site.path(0), site.literal(1)), examples() { return [['fs.openSync("/etc/hosts", "w")', ': > /etc/hosts']]; }},
  {calls: ['*.truncateSync', 'truncateSync', '*.truncate'], needs: 'fs', amounts: (site) => [argv('truncate', '-s', site.has(1) ? site.arg(1) : '0', site.path(0))], examples() { return [['fs.truncateSync("/etc/hosts")', 'truncate -s 0 /etc/hosts']]; }},
  {calls: ['*.renameSync', 'renameSync', '*.rename'], needs: 'fs', amounts: moved, examples() { return [['fs.renameSync("/etc/hosts", "/tmp/h")', 'mv /etc/hosts /tmp/h']]; }},
  {calls: ['*.copyFileSync', 'copyFileSync', '*.cpSync', 'cpSync', '*.copyFile'], needs: 'fs', amounts: copied, examples() { return [['fs.copyFileSync("./x", "/usr/bin/x")', 'cp -r ./x /usr/bin/x']]; }},
  {calls: ['*.chmodSync', 'chmodSync', '*.chmod'], needs: 'fs', amounts: (site) => [argv('chmod', modeOf(site.literal(1)), site.path(0))], examples() { return [['fs.chmodSync("/etc/shadow", 0o777)', 'chmod 777 /etc/shadow']]; }},
  {calls: ['*.execSync', 'execSync', '*.exec', 'exec'], needs: 'child_process', amounts: (site) => [{kind: 'shell', code: site.arg(0)}], examples() { return [['require("child_process").execSync("rm -rf ~")', 'rm -rf ~']]; }},
  {calls: ['*.spawnSync', 'spawnSync', '*.spawn', 'spawn', '*.execFileSync', 'execFileSync', '*.execFile', 'execFile'], needs: 'child_process', amounts: (site) => (site.option(2, 'shell') === 'true' ? [{kind: 'shell', code: site.rest(0).flatMap((word, k) => (k === 0 ? word : [...text(' '), ...word]))}] : command(site)), examples() { return [['require("child_process").spawnSync("rm", ["-rf", "/"])', 'rm -rf /']]; }},
  {calls: ['rimraf.sync', 'rimraf', 'rimrafSync', '*.rimraf', '*.rimrafSync', 'fse.removeSync', 'fse.remove', '*.removeSync', '*.remove'], needs: 'rimraf', amounts: (site) => [argv('rm', '-rf', site.path(0))], examples() { return [['require(`rimraf`).sync("/srv")', 'rm -rf /srv']]; }},
  {calls: ['*.removeSync', '*.remove', 'removeSync', '*.emptyDirSync', '*.emptyDir', 'emptyDirSync'], needs: 'fs-extra', amounts: (site) => [argv('rm', '-rf', /^empty/.test(site.call.name) ? [...site.path(0), {kind: 'glob', text: '/*'}] : site.path(0))], examples() { return [['require(`fs-extra`).removeSync("/srv")', 'rm -rf /srv'], ['require(`fs-extra`).emptyDirSync("/var")', 'rm -rf /var/*']]; }},
  {calls: ['process.kill'], amounts: (site) => [argv('kill', `-${signalOf(signalArg(site, 1))}`, site.arg(0))], examples() { return [['process.kill(-1, "SIGKILL")', 'kill -KILL -1']]; }},
  {calls: ['Deno.remove', 'Deno.removeSync'], amounts: (site) => [argv('rm', ...(recursive(site) ? ['-rf'] : []), site.path(0))], examples() { return [['Deno.removeSync("/srv/x", {recursive: true})', 'rm -rf /srv/x']]; }},
  {calls: ['Deno.writeTextFile', 'Deno.writeTextFileSync', 'Deno.writeFile', 'Deno.writeFileSync', 'Bun.write'], amounts: (site) => [write(site.path(0))], examples() { return [['Deno.writeTextFileSync("/etc/hosts", "")', ': > /etc/hosts']]; }},
  {calls: ['Bun.spawn', 'Bun.spawnSync'], amounts: (site) => command(site), examples() { return [['Bun.spawnSync(["rm", "-rf", "/"])', 'rm -rf /']]; }},
  // fetch's method, as curl's: the rules read the URL.
  {calls: ['fetch'], amounts: (site) => {
    const method = site.option(1, 'method');
    return method && method !== '?' && method.toUpperCase() !== 'GET' ? [argv('curl', '-X', method.toUpperCase(), site.arg(0))] : [];
  }, examples() { return [['fetch("https://api.github.com/repos/acme/api", {method: "DELETE"})', 'curl -X DELETE https://api.github.com/repos/acme/api']]; }},
  {calls: ['axios.delete', 'axios.post', 'axios.put', 'axios.patch'], amounts: (site) => [argv('curl', '-X', site.call.name.toUpperCase(), site.arg(0))], examples() { return [['require(`axios`).delete("https://api.github.com/repos/acme/api")', 'curl -X DELETE https://api.github.com/repos/acme/api']]; }},
  {calls: ['*.purgeQueue', '*.deleteQueue'], needs: 'amqplib', amounts: (site) => [argv('rabbitmqadmin', site.call.name === 'purgeQueue' ? 'purge' : 'delete', 'queue', [...text('name='), ...site.arg(0)])], examples() { return [['require(`amqplib`).connect("amqp://mq").then((c) => c.createChannel()).then((ch) => ch.purgeQueue("orders"))', 'rabbitmqadmin purge queue name=orders']]; }},
  {calls: ['*.deleteIndex'], needs: 'pinecone', amounts: (site) => [argv('curl', '-X', 'DELETE', [...text('https://api.pinecone.io/indexes/'), ...site.arg(0)])], examples() { return [['const {Pinecone} = require(`@pinecone-database/pinecone`); new Pinecone().deleteIndex("prod")', 'curl -X DELETE https://api.pinecone.io/indexes/prod']]; }},
  {calls: ['*.deleteAll'], needs: 'pinecone', amounts: () => [argv('curl', '-X', 'POST', 'https://index/vectors/delete', '-d', '{"deleteAll": true}')], examples() { return [['const {Pinecone} = require(`@pinecone-database/pinecone`); new Pinecone().index("prod").namespace("a").deleteAll()', `curl -X POST https://index/vectors/delete -d '{"deleteAll": true}'`]]; }},
  {calls: ['*.dropDatabase'], needs: 'mongodb', amounts: () => [argv('mongosh', '--eval', 'db.dropDatabase()')], examples() { return [['const {MongoClient} = require(`mongodb`); new MongoClient("mongodb://m1").db("shop").dropDatabase()', "mongosh --eval 'db.dropDatabase()'"]]; }},
  {calls: ['*.flushAll', '*.flushall', '*.flushDb', '*.flushdb'], needs: 'redis', amounts: (site) => [argv('redis-cli', site.call.name.toUpperCase())], examples() { return [['const r = require(`redis`).createClient(); r.flushAll()', 'redis-cli FLUSHALL']]; }},
  {calls: ['*.query'], needs: 'pg', amounts: sqlRun, examples() { return [['const {Client} = require(`pg`); new Client().query("DROP TABLE orders")', "psql -c 'DROP TABLE orders'"]]; }},
  {calls: ['DeleteBucketCommand'], amounts: (site) => [argv('aws', 's3api', 'delete-bucket', '--bucket', site.option(0, 'Bucket') ?? 'BUCKET')], examples() { return [['new DeleteBucketCommand({Bucket: "prod-assets"})', 'aws s3api delete-bucket --bucket prod-assets']]; }},
  {calls: ['eval', 'Function', 'vm.runInThisContext', 'vm.runInNewContext', 'vm.runInContext'], amounts: evaluated, examples() { return [['eval("require(\'fs\').unlinkSync(\'/etc/hosts\')")', 'rm /etc/hosts']]; }},
];

const php: Entry[] = [
  {calls: ['system', 'exec', 'shell_exec', 'passthru', 'popen', 'proc_open'], amounts: (site) => command(site).slice(0, 1), examples() { return [['system("rm -rf ~");', 'rm -rf ~'], ['exec("mkfs.ext4 /dev/sda1");', 'mkfs.ext4 /dev/sda1']]; }},
  {calls: ['pcntl_exec'], amounts: (site) => [{kind: 'argv', words: [site.arg(0), ...(site.list(1) ?? [])]}], examples() { return [['pcntl_exec("/bin/rm", ["-rf", "/"]);', '/bin/rm -rf /']]; }},
  {calls: ['unlink'], amounts: (site) => [argv('rm', site.path(0))], examples() { return [['unlink("/etc/passwd");', 'rm /etc/passwd']]; }},
  {calls: ['rmdir'], amounts: (site) => [argv('rmdir', site.path(0))], examples() { return [['rmdir("/srv/x");', 'rmdir /srv/x']]; }},
  {calls: ['file_put_contents'], amounts: (site) => [write(site.path(0), (site.call.args[2] ?? []).some((token) => token.kind === 'name' && token.text === 'FILE_APPEND'))], examples() { return [['file_put_contents("/etc/hosts", "");', ': > /etc/hosts'], ['file_put_contents("/etc/hosts", "x", FILE_APPEND);', ': >> /etc/hosts']]; }},
  {calls: ['file_get_contents', 'file', 'readfile'], amounts: (site) => (/^[a-z][\w+.-]*:\/\//i.test(site.literal(0) ?? '') ? [] : [{kind: 'read', target: site.path(0)}]), examples() { return [['echo file_get_contents("/etc/shadow");', 'cat /etc/shadow']]; }},
  {calls: ['fopen'], amounts: (site) => opened(site.path(0), site.literal(1)?.replace(/^r$/, '') || undefined), examples() { return [['fopen("/etc/hosts", "w");', ': > /etc/hosts']]; }},
  {calls: ['rename'], amounts: moved, examples() { return [['rename("/etc/hosts", "/tmp/h");', 'mv /etc/hosts /tmp/h']]; }},
  {calls: ['copy'], amounts: copied, examples() { return [['copy("./x", "/usr/bin/x");', 'cp -r ./x /usr/bin/x']]; }},
  {calls: ['chmod'], amounts: (site) => [argv('chmod', modeOf(site.literal(1)), site.path(0))], examples() { return [['chmod("/etc/shadow", 0777);', 'chmod 777 /etc/shadow']]; }},
  {calls: ['posix_kill'], amounts: (site) => killed(site, 1, [0]), examples() { return [['posix_kill(-1, 9);', 'kill -9 -1']]; }},
  {calls: ['*.exec', '*.query'], needs: 'PDO', amounts: sqlRun, examples() { return [['$db = new PDO("mysql:host=db1"); $db->exec("DROP TABLE orders");', "psql -c 'DROP TABLE orders'"]]; }},
  {calls: ['eval', 'assert', 'create_function'], amounts: evaluated, examples() { return [['eval("unlink(\'/etc/hosts\');");', 'rm /etc/hosts']]; }},
];

const lua: Entry[] = [
  {calls: ['os.execute', 'io.popen'], amounts: (site) => [{kind: 'shell', code: site.arg(0)}], examples() { return [['os.execute("rm -rf ~")', 'rm -rf ~'], ['os.execute "reboot"', 'reboot']]; }},
  {calls: ['os.remove'], amounts: (site) => [argv('rm', site.path(0))], examples() { return [['os.remove("/etc/passwd")', 'rm /etc/passwd']]; }},
  {calls: ['os.rename'], amounts: moved, examples() { return [['os.rename("/etc/hosts", "/tmp/h")', 'mv /etc/hosts /tmp/h']]; }},
  {calls: ['io.open'], amounts: (site) => opened(site.path(0), site.literal(1)?.replace(/^rb?$/, '') || undefined), examples() { return [['local f = io.open("/etc/hosts", "w"); f:close()', ': > /etc/hosts']]; }},
  {calls: ['io.output'], amounts: (site) => [write(site.path(0))], examples() { return [['io.output("/etc/hosts")', ': > /etc/hosts']]; }},
  {calls: ['load', 'loadstring'], amounts: evaluated, examples() { return [['load("os.remove(\'/etc/hosts\')")()', 'rm /etc/hosts']]; }},
];

export const tables: Record<Exclude<Language, 'awk'>, Entry[]> = {python, perl, ruby, node, php, lua};

/** Names each language may call without parentheses (`system "…"`, `unlink $f`, `os.execute "…"`). */
export const bareCalls: Record<Language, Set<string>> = {
  python: new Set(),
  perl: new Set(['system', 'exec', 'unlink', 'rmdir', 'open', 'rename', 'truncate', 'chmod', 'kill', 'eval', 'remove_tree', 'rmtree', 'copy', 'move', 'fork']),
  ruby: new Set(['system', 'exec', 'spawn', 'eval', 'rm_rf', 'rm_r', 'rm_f', 'rmtree', 'fork', 'rm', 'delete', 'unlink', 'write', 'open', 'kill']),
  node: new Set(),
  php: new Set(),
  lua: new Set(['execute', 'popen', 'remove', 'open', 'output']),
  awk: new Set(),
};

/** The call that starts a copy of the process, per language: in a loop, a fork bomb. */
export const forkCalls: Record<Language, RegExp> = {
  python: /^(?:os\.)?fork$|^os\.forkpty$/,
  perl: /^fork$/,
  ruby: /^(?:Process\.|Kernel\.)?fork$/,
  node: /^child_process\.fork$/,
  php: /^pcntl_fork$/,
  lua: /^$/,
  awk: /^$/,
};
