// An Ansible inventory and playbook for a lab on several machines (`opentop build
// --all-machines DIR`), beside each machine's standalone script: the playbook only copies
// the scripts and runs them — every machine checks first, then all come up, and if one
// fails every machine is taken down again, as `opentop up` does over ssh. Ansible is the
// engine many network teams already drive their fleets with; nothing here needs OpenTop
// on the machines, nor anything but sh and the elementary tools.

import type { Machine } from "../model/model.js";

/** Ansible group names are letters, digits and `_`. */
export function groupOf(lab: string): string {
  return `opentop_${lab.replaceAll("-", "_")}`;
}

/** A value for inventory.ini's `key=value`: quoted when it holds blanks or quotes. */
function iniValue(v: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(v) ? v : `'${v.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

/** One host a machine, reached as OpenTop reaches it (its ssh destination and options). */
export function inventory(lab: string, machines: readonly Machine[], script: (m: Machine) => string): string {
  const hosts = machines.map((m) => {
    const options = m.sshOptions.map(([k, v]) => `-o ${k}=${/\s/.test(v) ? `"${v}"` : v}`).join(" ");
    const vars = [
      ["ansible_host", m.ssh.host],
      ...(m.ssh.user !== undefined ? [["ansible_user", m.ssh.user]] : []),
      ...(m.ssh.port !== undefined ? [["ansible_port", String(m.ssh.port)]] : []),
      ...(options ? [["ansible_ssh_common_args", options]] : []),
      ["opentop_script", script(m)],
    ];
    return `${m.name} ${vars.map(([k, v]) => `${k}=${iniValue(v ?? "")}`).join(" ")}`;
  });
  return [
    `# Lab ${lab}: one host a machine, with its script (\`opentop build --all-machines\`).`,
    "# ansible-playbook -i inventory.ini playbook.yml [-e opentop_action=down|status]",
    `[${groupOf(lab)}]`,
    ...hosts,
    "",
  ].join("\n");
}

/**
 * The playbook: copy each machine's script, check every machine, run the action on every
 * machine at once; after an `up` that failed anywhere, `down` everywhere, then fail.
 */
export function playbook(lab: string): string {
  const group = groupOf(lab);
  const path = `/run/opentop-${lab}.sh`;
  const anyFailed =
    "ansible_play_hosts_all | map('extract', hostvars, 'opentop_run') | selectattr('failed', 'defined') | selectattr('failed') | list | length > 0";
  return `# Lab ${lab} on its machines: \`ansible-playbook -i inventory.ini playbook.yml\` brings it up;
# \`-e opentop_action=down\` takes it down, \`-e opentop_action=status\` shows each machine's part.
# It only copies each machine's script (built by \`opentop build --all-machines\`) and runs it:
# every machine checks that it can come up (its underlay to the others included) before any
# creates anything, and if one fails, every machine is taken down again.
- name: "lab ${lab}: copy the scripts"
  hosts: ${group}
  gather_facts: false
  become: true
  tasks:
    - name: copy this machine's script
      ansible.builtin.copy:
        src: "{{ opentop_script }}"
        dest: "${path}"
        mode: "0700"

- name: "lab ${lab}: check every machine before any acts"
  hosts: ${group}
  gather_facts: false
  become: true
  any_errors_fatal: true
  tasks:
    - name: check that the lab can come up here
      ansible.builtin.command: "sh ${path} check"
      changed_when: false
      when: opentop_action | default('up') == 'up'

- name: "lab ${lab}: {{ opentop_action | default('up') }} on every machine"
  hosts: ${group}
  gather_facts: false
  become: true
  tasks:
    - name: "{{ opentop_action | default('up') }}"
      ansible.builtin.command: "sh ${path} {{ opentop_action | default('up') }}"
      register: opentop_run
      ignore_errors: true
      changed_when: (opentop_action | default('up')) in ['up', 'down']
    - name: what the script said
      ansible.builtin.debug:
        var: opentop_run.stdout_lines
    - name: roll every machine back when one failed to come up
      ansible.builtin.command: "sh ${path} down"
      when: (opentop_action | default('up')) == 'up' and (${anyFailed})
    - name: fail where the script failed
      ansible.builtin.fail:
        msg: "{{ opentop_run.stderr }}"
      when: opentop_run.failed
    - name: fail where the lab was rolled back for another machine
      ansible.builtin.fail:
        msg: "another machine of lab ${lab} failed to come up: this machine's part was taken down again"
      when: (opentop_action | default('up')) == 'up' and (${anyFailed})
`;
}
