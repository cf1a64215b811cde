// Which disks, file systems and interfaces count, for both sources alike: node_exporter's own
// default exclusions (the Prometheus path gets them from the exporter; the SSH sampler applies
// them itself) and the file system types the gateway leaves out on top (memory-backed, pseudo,
// read-only images). Regular-expression sources, anchored where they are used.

/** File systems that are not disks a person fills (the gateway's own filter, in both sources). */
export const NOT_DISK_FS_TYPES = 'tmpfs|devtmpfs|ramfs|squashfs|nsfs|autofs|proc|sysfs|cgroup2?|devpts|mqueue|fuse\\..*';

/** node_exporter's filesystem collector defaults (`--collector.filesystem.*-exclude`). */
export const EXPORTER_FS_TYPES_EXCLUDE =
  '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|erofs|sysfs|tracefs)$';
export const EXPORTER_MOUNTS_EXCLUDE = '^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)';

/** node_exporter's diskstats collector default (`--collector.diskstats.device-exclude`): partitions, ram, loop. */
export const EXPORTER_DISK_DEVICES_EXCLUDE = '^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$';

const notDisk = new RegExp(`^(${NOT_DISK_FS_TYPES})$`);
const exporterFsType = new RegExp(EXPORTER_FS_TYPES_EXCLUDE);
const exporterMount = new RegExp(EXPORTER_MOUNTS_EXCLUDE);
const exporterDevice = new RegExp(EXPORTER_DISK_DEVICES_EXCLUDE);

/** Whether a mounted file system is one the panel shows (`disk_used`). */
export const isCountedFilesystem = (fsType: string, mountPoint: string) => !notDisk.test(fsType) && !exporterFsType.test(fsType) && !exporterMount.test(mountPoint);

/** Whether a block device is one the panel shows (`disk_read`, `disk_write`). */
export const isCountedDisk = (device: string) => !exporterDevice.test(device);

/** Whether a network interface is one the panel shows (`net_rx`, `net_tx`): all but loopback. */
export const isCountedInterface = (device: string) => device !== 'lo';
