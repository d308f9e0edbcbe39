// The long tail of clouds: the smaller clouds' and managed services' CLIs (Linode, Scaleway,
// Vultr, Exoscale, IBM Cloud, Alibaba, Tencent, UpCloud, Cloud Foundry, PlanetScale, Neon, Atlas,
// Aiven, Turso…) and any provider's HTTP API asked to delete a whole resource. One item below a
// resource, a preview branch and a dry run pass, as in the big three's rules (cloud.ts).
import {type SimpleCommand, type Word, knownText} from '../../shell/index.js';
import {spelled, written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';
import {asksHelp, httpMethod} from './hits.js';

/**
 * The verbs the smaller clouds' and managed services' CLIs delete with: the plain words, a
 * rebuild (the disk reinstalled from an image), hyphenated commands (`service-instance-delete`,
 * `delete-space`, `purge-service-instance`) and their API's actions by name (`DeleteInstance`,
 * `TerminateInstances`, `ReleaseEipAddresses`).
 */
const tailVerb = /^(?:delete|rm|rb|remove|destroy|terminate|purge|rebuild|reinstall)$|^[a-z][a-z-]*-(?:delete|rm|purge)$|^(?:delete|purge)-[a-z-]+$|^(?:Delete|Terminate|Release|Destroy|Purge|Reset|ReInit|ReplaceSystemDisk)[A-Z]?\w*$/;
// Words naming one item below a resource, in a path or a hyphenated verb (`records-delete`, `delete-route`, `image-rm`), and object stores' single objects.
const subItem = /^(?:objects?|obj|oss|cos|sos|storage|records?|routes?|tags?|rules?|keys?|images?|members?|profiles?|apikeys?|config|configs?|ssh-keys?|domains?-records?)$|(?:object(?!-storage)|record|route|tag|rule|key|image|member|profile|apikey|orphaned)s?-|-(?:object|record|route|tag|rule|key|image|member|profile|apikey)s?(?:-|$)/;
const tailCloudPrograms = ['linode-cli', 'linode', 'scw', 'vultr-cli', 'vultr', 'exo', 'ibmcloud', 'ic', 'aliyun', 'tccli', 'upctl', 'civo', 'ionosctl', 'stackit', 'cf', 'pscale', 'neonctl', 'neon', 'atlas', 'avn', 'turso', 'koyeb', 'northflank', 'qovery'];
// A dry run, as a flag or as the API's value (`--DryRun true`); `--dry-run false` is none.
export function tailDryRun(words: Word[]): boolean {
  return words.some((word, i) => {
    const flag = word.known ? /^--dry-?run(?:=(.*))?$/i.exec(word.value) : null;
    return flag !== null && !/^false$/i.test(flag[1] ?? words[i + 1]?.value ?? '');
  });
}

// What a provider's API holds whole: an HTTP DELETE of one of these by its id (`/v2/instances/ID`,
// `/zones/ID`, `/api/0/projects/ORG/NAME/`, `/buckets/REGION/NAME`) deletes it with all it holds.
// One record, key, member or deployment below one (`/zones/ID/dns_records/ID`) is routine. An id
// that expands to nothing (`/zones/$ZONE_ID` with the variable unset) asks the same of the collection.
// The collection sits near the API's root (at most five segments in: `/v2/`, `/client/v4/`,
// `/rest/api/1.0/projects/P/`); an id of two parts only for projects, buckets and repositories
// (`projects/ORG/NAME`, `buckets/REGION/NAME`); an id with a file's extension names a file.
const wholeResource = /^https?:\/\/(?!(?:localhost|127\.[\d.]+|\[::1\])(?:[:/]|$))[^/?#\s]+(?:\/[^/?#\s]+){0,5}\/(?:(zones|services|databases?|instances|servers|droplets|linodes|clusters|volumes?|vms|aggregates|protection-groups|storageResource|space|spaces|groups|bare-metals|pipelines|pullzone|folders|service|apps|applications|sites|accounts|organizations|orgs|stacks|environments|workspaces|tenants|namespaces|qemu|lxc)(?:\/(?:[^/?#\s.]+|[^/?#\s]+\.json)?|(?=\?(?:names|ids)=))|(projects|buckets|repos|repositories)\/(?:[^/?#\s.]+(?:\/[^/?#\s.]+)?)?|(domains)\/[^/?#\s]+)\/?(?:[?#].*)?$/;

/** curl or wget sending DELETE to a provider's API for a whole instance, database, bucket, zone, project or service. */
function apiDelete(command: SimpleCommand): Hit | null {
  // Gerrit's delete-project plugin is a POST to `…/projects/NAME/delete-project~delete`.
  const gerrit = command.argv.slice(1).find((word) => /\/projects\/[^/]+\/delete-project~delete\/?$/.test(knownText(word)));
  if (gerrit) return {word: written(gerrit), reason: `${command.program.value} ${spelled(gerrit)} deletes the Gerrit project and every change in it`};
  // A whole CDN's cache purged (Fastly's `purge_all`, Cloudflare's `purge_everything`, bunny's zone `purgeCache`): the origin takes every request at once.
  const purge = command.argv.slice(1).find((word) => /\/purge_all\/?$|\/pullzone\/[^/]+\/purgeCache\/?$/.test(knownText(word)) || (/\/purge_cache\/?$/.test(knownText(word)) && command.argv.some((other) => /purge_everything"?\s*:\s*true/.test(knownText(other)))));
  if (purge) return {word: written(purge), reason: `${command.program.value} ${spelled(purge)} purges the whole CDN cache: every request goes to the origin at once`};
  if (httpMethod(command) !== 'DELETE') return null;
  // A whole suppression list (`…/bounces`, `…/suppression/bounces`): every address that bounced or complained is mailed again.
  const list = command.argv.slice(1).find((word) => /^https?:\/\/.*\/(?:suppression\/)?(?:bounces|complaints|unsubscribes|spam_reports|blocks)\/?(?:\?.*)?$/.test(knownText(word)));
  if (list) return {word: written(list), reason: `${command.program.value} DELETE ${spelled(list)} wipes the whole suppression list: addresses that bounced or complained are mailed again`};
  // A whole audience or contact base: Mailchimp's `/3.0/lists/ID`, SendGrid's `delete_all_contacts=true`; Ghost's `/ghost/api/admin/db/` (every post).
  const audience = command.argv.slice(1).find((word) => /^https?:\/\/[^/]*\.api\.mailchimp\.com\/3\.0\/lists\/[^/?#]+\/?(?:\?.*)?$|[?&]delete_all_contacts=true\b|\/ghost\/api\/admin\/db\/?(?:\?.*)?$/.test(knownText(word)));
  if (audience) return {word: written(audience), reason: `${command.program.value} DELETE ${spelled(audience)} deletes ${/ghost/.test(knownText(audience)) ? "every post, page and tag of the site" : 'the whole audience: every contact in it'}`};
  // The main line of a repository deleted through a forge's API (`…/branches/master`).
  const mainline = command.argv.slice(1).find((word) => /^https?:\/\/.*\/branches\/(?:main|master|trunk)\/?$/.test(knownText(word)));
  if (mainline) return {word: written(mainline), reason: `${command.program.value} DELETE ${spelled(mainline)} deletes the repository's main branch`};
  // The Docker (or Podman) Engine API on its socket: a volume deleted, with the data in it, as `docker volume rm` does.
  const socket = command.argv.slice(1).find((word, i, all) => /^--unix-socket(?:=|$)/.test(all[i - 1]?.value ?? '') || /^--unix-socket=/.test(word.value ?? ''));
  if (socket && /(?:docker|podman)\.sock$/.test(knownText(socket))) {
    const volume = command.argv.slice(1).find((word) => /^https?:\/\/[^/]+(?:\/v[\d.]+)?(?:\/libpod)?\/volumes\/[^/?#\s]+\/?(?:[?#].*)?$/.test(knownText(word)));
    if (volume) return {word: written(volume), reason: `${command.program.value} DELETE ${spelled(volume)} on the container engine's socket deletes the volume and the data in it`};
  }

  // Google Cloud Storage's JSON API names a bucket `/storage/v1/b/NAME`; Azure's a resource group `/resourceGroups/NAME`.
  const bucket = command.argv.slice(1).find((word) => /^https?:\/\/(?:storage|www)\.googleapis\.com\/storage\/v1\/b\/[^/?#\s]+\/?(?:[?#].*)?$/.test(knownText(word)));
  if (bucket) return {word: written(bucket), reason: `${command.program.value} DELETE ${spelled(bucket)} deletes the whole bucket`};
  const group = command.argv.slice(1).find((word) => /^https?:\/\/management\.azure\.com\/subscriptions\/[^/?#\s]+(?:\/resourcegroups\/[^/?#\s]+)?\/?(?:[?#].*)?$/i.test(knownText(word)));
  if (group) return {word: written(group), reason: `${command.program.value} DELETE ${spelled(group)} deletes the whole ${/resourcegroups/i.test(knownText(group)) ? 'resource group, with every resource in it' : 'subscription'}`};
  for (const word of command.argv.slice(1)) {
    const match = wholeResource.exec(knownText(word));
    const what = match?.[1] ?? match?.[2] ?? match?.[3];
    // Proxmox VE's `/api2/json/nodes/NODE/qemu/ID` (or `lxc/ID`): the machine with its disks, as `pvesh delete` would.
    if (what === 'qemu' || what === 'lxc') return {word: written(word), reason: `${command.program.value} DELETE ${spelled(word)} deletes the ${what === 'qemu' ? 'virtual machine' : 'container'} and its disks, for good`};
    if (what) return {word: written(word), reason: `${command.program.value} DELETE ${spelled(word)} deletes the whole ${what.replace(/ies$/, 'y').replace(/s$/, '')} the API names, with everything in it`};
  }

  return null;
}

/** A smaller cloud's or a managed service's delete: `linode-cli linodes delete 123`, `aliyun ecs DeleteInstance …`, `cf delete-space prod -f`. */
function tailCloud(command: SimpleCommand): Hit | null {
  const words = command.argv.slice(1);
  if (asksHelp(command.argv) || tailDryRun(words)) return null;
  const name = command.program.value!;
  const path: string[] = [];
  const plain = words.filter((word) => !(word.known && (word.value.startsWith('-') || word.value.includes('='))));
  for (const [i, word] of plain.slice(0, 8).entries()) {
    // A value guard cannot know (`--zone "$ZONE"`) is an option's, not the verb.
    if (!word.known) continue;
    // Cloud Foundry's verb is its first word: later ones are apps and services (`cf push delete-worker`).
    if (name === 'cf' && i > 0) return null;
    // linode-cli object-storage cancel: Object Storage ends, with every bucket in it.
    if (word.value === 'cancel' && path.at(-1) === 'object-storage') return {word: written(word), reason: `${name} object-storage cancel ends Object Storage, deleting every bucket`};
    // A bucket removed (`linode-cli obj rb BUCKET`) is the bucket, though the object store's group names single objects.
    if (word.value === 'rb') return {word: written(word), reason: `${name} ${[...path, 'rb'].join(' ')} deletes the bucket`};
    if (tailVerb.test(word.value)) {
      // One item below a resource (an object, a record, a route, a tag, a key, a rule, a member) is routine.
      if (subItem.test(word.value) || path.some((group) => subItem.test(group))) return null;
      // A preview branch of a database deleted when its pull request merges; the production one is not.
      if (/^branch(?:es)?$/.test(path.at(-1) ?? '') && !/^(?:main|master|prod|production|default)$/.test(plain[i + 2]?.value ?? plain[i + 1]?.value ?? '')) return null;
      return {word: written(word), reason: `${name} ${[...path, word.value].join(' ')} ${/^(?:rebuild|reinstall)$/.test(word.value) ? 'reinstalls the machine from an image, erasing its disk' : 'deletes what it names, for good'}`};
    }

    // IBM Cloud's classic infrastructure cancels and reloads (`sl vs cancel`, `sl hardware reload`: the OS reinstalled).
    if (path.includes('sl') && /^(?:cancel|reload)$/.test(word.value)) return {word: written(word), reason: `${name} ${[...path, word.value].join(' ')} ${word.value === 'cancel' ? 'cancels the server, deleting it' : 'reloads the operating system, erasing the disk'}`};
    if (path.length === 6) return null;
    path.push(word.value);
  }

  return null;
}

export const tailClouds: BuiltinRule[] = [
  {
    id: 'cloud.tail-delete',
    pack: 'cloud',
    level: 'deny',
    reason: "deletes or rebuilds cloud resources for good through a smaller cloud's or a managed service's CLI (Linode, Scaleway, Vultr, Exoscale, IBM Cloud, Alibaba, Tencent, UpCloud, Civo, IONOS, STACKIT, Cloud Foundry, PlanetScale, Neon, MongoDB Atlas, Aiven, Turso, Koyeb)",
    alternative: 'snapshot or back up first, then delete by hand after a review',
    match: {program: tailCloudPrograms},
    check: tailCloud,
    examples() {
      return {
        refuse: [
          'linode-cli linodes delete 41235678', 'linode-cli object-storage cancel', 'linode-cli linodes rebuild 123 --image linode/debian12 --root_pass x', 'scw instance server delete zone=fr-par-1 with-volumes=all 677fa144',
          'vultr-cli instance delete cb676a46', 'exo compute instance delete --force --zone ch-gva-2 pg-primary-1', 'ibmcloud resource service-instance-delete my-cos --recursive -f', 'ibmcloud resource reclamation-delete 8d1a2c34 -f',
          'aliyun ecs DeleteInstance --RegionId cn-hangzhou --InstanceId i-bp1 --Force true', "tccli cvm TerminateInstances --region ap-shanghai --InstanceIds '[\"ins-r8hr2upy\"]'", 'upctl server delete web-1 --delete-storages',
          'pscale database delete acme-prod --force', 'neonctl projects delete "$NEON_PROJECT_ID"', 'atlas clusters delete prod-cluster --force', 'avn service terminate pg-prod --force', 'turso group destroy default --yes', 'turso db destroy prod --yes',
          'cf delete api -f -r', 'cf delete-space prod -o acme -f', 'cf purge-service-instance orders-db -f', 'civo kubernetes remove prod --yes', 'pscale branch delete shop main --force', 'linode-cli obj rb bucket-1', 'scw -p prod -o json --region fr-par instance server delete 677f', 'ibmcloud sl vs reload 12345 -f', 'aliyun ecs ReplaceSystemDisk --InstanceId i-1',
        ],
        allow: [
          'linode-cli linodes list', 'linode-cli object-storage buckets-list', 'scw instance server list zone=fr-par-1', 'vultr-cli instance list', 'exo compute instance show pg-primary-1', 'ibmcloud resource service-instances',
          'aliyun ecs DescribeInstances --RegionId cn-hangzhou', 'aliyun ecs DeleteInstance --RegionId cn-hangzhou --InstanceId i-bp1 --DryRun true', 'tccli cvm DescribeInstances --region ap-shanghai', 'pscale database create acme-staging',
          'neonctl branches list', 'atlas clusters describe prod-cluster', 'avn service list', 'turso db list', 'cf apps', 'cf delete --help', 'cf push delete-worker', 'cf delete-orphaned-routes -f', 'ibmcloud cos object-delete --bucket b --key logs/x.gz', 'linode-cli domains records-delete 123 456', 'pscale branch delete shop feature-x --force', 'neonctl branches delete preview-pr-42', 'pscale database delete --help', 'upctl server show web-1',
        ],
      };
    },
  },
  {
    id: 'cloud.api-delete',
    pack: 'cloud',
    level: 'deny',
    reason: "deletes a whole cloud resource through its provider's HTTP API (an instance, database, bucket, DNS zone, project, service or cluster, by its id)",
    alternative: 'use the provider\'s console or CLI after a review; delete what is inside it one item at a time',
    match: {program: ['curl', 'wget']},
    check: apiDelete,
    examples() {
      return {
        refuse: [
          'curl -X DELETE "https://api.cloudflare.com/client/v4/zones/$ZONE_ID" -H "Authorization: Bearer $CF_TOKEN"', 'curl -s -X DELETE -H "Authorization: Bearer $T" https://storage.googleapis.com/storage/v1/b/acme-prod-exports', "curl --unix-socket /var/run/docker.sock -X DELETE 'http://localhost/volumes/pgdata?force=true'", 'curl -s --unix-socket /run/podman/podman.sock -X DELETE http://d/v4.0.0/libpod/volumes/pgdata', 'curl -X DELETE -H "Authorization: Bearer $T" "https://management.azure.com/subscriptions/0000/resourcegroups/rg-prod?api-version=2021-04-01"', 'curl "https://api.vultr.com/v2/instances/${INSTANCE_ID}" -X DELETE -H "Authorization: Bearer ${VULTR_API_KEY}"',
          'curl -sS -X DELETE -H "Authorization: Bearer $LINODE_TOKEN" https://api.linode.com/v4/object-storage/buckets/us-east-1/media-prod', 'curl https://sentry.io/api/0/projects/acme/backend/ -H "Authorization: Bearer $T" -X DELETE',
          'curl -X DELETE https://api.pagerduty.com/services/PABC123 -H "Authorization: Token token=$PD"', 'curl -X DELETE "https://api.upstash.com/v2/redis/database/$DB_ID" -u "$U:$K"', 'wget --method=DELETE -qO- "https://api.render.com/v1/services/srv-123"',
          'curl -sf -XDELETE https://api.digitalocean.com/v2/droplets/3164494 -H "Authorization: Bearer $DO"', 'curl -u "admin:$PW" -X DELETE https://bitbucket.example.com/rest/api/1.0/projects/PAY/repos/ledger',
          'curl -u "admin:$PW" -X DELETE https://art.example.com/artifactory/api/repositories/libs-release-local', 'curl -X DELETE -u "admin:$PW" https://review.example.com/a/projects/platform%2Fbuild/branches/master',
          `curl -X POST -u "admin:$PW" -d '{"force": true}' https://review.example.com/a/projects/platform%2Fbuild/delete-project~delete`, "curl -sk -X DELETE -H \"x-auth-token: $T\" 'https://fa01.example.com/api/2.4/volumes?names=vol-archive'",
          'curl -sk -u "admin:$PW" -X DELETE https://pc01.example.com:9440/api/nutanix/v3/vms/4f5c1d2e', 'curl -sk --request DELETE https://powerstore01.example.com/api/rest/volume/3f9a2c1e', `curl -sk -X DELETE -H "Authorization: PVEAPIToken=root@pam!ops=$T" https://pve.lan:8006/api2/json/nodes/pve/qemu/105`, 'curl -sf -X POST -H "Fastly-Key: $K" https://api.fastly.com/service/SU1Z0/purge_all',
          'curl -X DELETE https://api.sendgrid.com/v3/suppression/bounces -H "Authorization: Bearer $K"', 'curl -s --user "api:$K" -X DELETE https://api.eu.mailgun.net/v3/mg.example.com/bounces', 'curl --request DELETE --url https://api.bunny.net/pullzone/884215', 'curl -X DELETE "https://us6.api.mailchimp.com/3.0/lists/8d3a3db4d9" --user "x:$K"', 'curl -X DELETE "https://api.sendgrid.com/v3/marketing/contacts?delete_all_contacts=true" -H "Authorization: Bearer $K"', 'curl -X DELETE "https://blog.example.com/ghost/api/admin/db/" -H "Authorization: Ghost $T"',
        ],
        allow: [
          "curl --unix-socket /var/run/docker.sock 'http://localhost/volumes'", "curl --unix-socket /var/run/docker.sock -X DELETE 'http://localhost/images/old:1.0'",
          'curl -s -X DELETE -H "Authorization: Bearer $T" https://storage.googleapis.com/storage/v1/b/acme-scratch/o/tmp%2Fx.csv', 'curl -s -H "Authorization: Bearer $T" https://storage.googleapis.com/storage/v1/b/acme-prod-exports',
          'curl -X DELETE "https://us6.api.mailchimp.com/3.0/lists/8d3a3db4d9/members/3f2a" --user "x:$K"', 'curl "https://api.sendgrid.com/v3/marketing/contacts?delete_all_contacts=false"',
          'curl -X DELETE "https://api.cloudflare.com/client/v4/zones/$ZONE_ID/dns_records/$RECORD_ID" -H "Authorization: Bearer $CF_TOKEN"', 'curl https://api.vultr.com/v2/instances -H "Authorization: Bearer $K"', 'curl -sk -X DELETE https://pve.lan:8006/api2/json/nodes/pve/qemu/105/snapshot/before-upgrade', 'curl -sk https://pve.lan:8006/api2/json/nodes/pve/qemu',
          'curl -X POST https://api.vultr.com/v2/instances/abc/reboot -H "Authorization: Bearer $K"', 'curl -X DELETE http://localhost:8080/api/projects/42', 'curl -X DELETE "https://api.vercel.com/v13/deployments/$DEPLOYMENT_ID"',
          'curl -X DELETE https://api.example.com/v1/projects/42/members/7', 'curl -X DELETE https://api.heroku.com/apps/shop/dynos', 'curl -s --user "api:$K" -X DELETE https://api.mailgun.net/v3/mg.example.com/bounces/bob@example.com', 'curl -X POST -H "Fastly-Key: $K" https://api.fastly.com/purge/www.example.com/app.css', 'curl -X DELETE https://api.github.com/applications/Iv1.abc/token', 'curl -X DELETE http://eureka:8761/eureka/apps/ORDERS/orders-7f9', 'curl -X DELETE -u "admin:$PW" https://review.example.com/a/projects/platform%2Fbuild/branches/spike-42',
        ],
      };
    },
  },
];
