export const importLab = {
  async run() {
    return 0;
  },
};
