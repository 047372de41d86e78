export const graph = {
  async run() {
    return 0;
  },
};
