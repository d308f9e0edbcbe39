// Ports and services that are never meant for the whole internet: databases, caches, clusters'
// control planes, file sharing and remote desktops. The firewall rule refuses opening them to
// every address; the exposure rule refuses tunnels and forwards that publish them.

export const privatePorts: Readonly<Record<string, string>> = {
  '23': 'telnet', '111': 'rpcbind', '445': 'SMB', '1433': 'SQL Server', '1521': 'Oracle', '2049': 'NFS', '2375': "Docker's API, root on the host", '2376': "Docker's API, root on the host", '2379': 'etcd', '2380': 'etcd',
  '3306': 'MySQL', '3389': 'RDP', '5432': 'PostgreSQL', '5601': 'Kibana', '5900': 'VNC', '5984': 'CouchDB', '6379': 'Redis', '8086': 'InfluxDB', '8500': 'Consul', '9042': 'Cassandra', '9090': 'Prometheus', '9200': 'Elasticsearch', '9300': 'Elasticsearch',
  '10250': "the kubelet's API", '11211': 'memcached', '15672': "RabbitMQ's management", '27017': 'MongoDB',
};

// firewalld's and ufw's service names, and the names iptables takes from /etc/services.
export const privateServices: Readonly<Record<string, string>> = {mysql: '3306', postgresql: '5432', postgres: '5432', redis: '6379', mongodb: '27017', elasticsearch: '9200', 'etcd-client': '2379', 'etcd-server': '2380', memcache: '11211', memcached: '11211', vnc: '5900', 'vnc-server': '5900', rdp: '3389', 'ms-wbt-server': '3389', telnet: '23', 'ms-sql': '1433', 'ms-sql-s': '1433', kubelet: '10250', 'docker': '2375'};

/**
 * The private port a rule names, by its number, its service name, or a short list or range that
 * holds one (`3306`, `mysql`, `80,443,27017`, `6370:6380/tcp`). A wide range (`10000:20000/udp`, a
 * phone system's media ports) is not taken for the one private port inside it.
 */
export function privatePort(text: string): string | undefined {
  for (const part of text.replace(/\/(?:tcp|udp|sctp)$/i, '').split(',')) {
    if (Object.hasOwn(privateServices, part)) return privateServices[part];
    const range = /^(\d+)[:-](\d+)$/.exec(part);
    const found = range ? (Number(range[2]) - Number(range[1]) <= 100 ? Object.keys(privatePorts).find((port) => Number(port) >= Number(range[1]) && Number(port) <= Number(range[2])) : undefined) : Object.hasOwn(privatePorts, part) ? part : undefined;
    if (found) return found;
  }

  return undefined;
}
